# Run by ext-tests/embed/py_main.c through Py_Main.
import sys

print("argv:", sys.argv[1:])
print("é and ü survive:", "héllo wörld")
raise SystemExit(int(sys.argv[1]))
