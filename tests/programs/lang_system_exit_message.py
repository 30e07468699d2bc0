import sys

print("about to fail")
raise SystemExit("fatal: bad configuration")
