import sys

print("a", "b", "c")
print("a", "b", sep="-")
print("no newline", end="")
print(" continued")
print()
print(1, 2.5, None, True, [1], (2,), {"k": 3}, sep=" | ", end=" <end>\n")
print("to stderr", file=sys.stderr)
print(*range(5))
print(*"xyz", sep="")
print("flush", flush=True)
sys.stdout.write("written directly\n")
print(repr(print(end="")))
try:
    print(sep=5)
except TypeError as e:
    print(e)
try:
    print(end=[])
except TypeError as e:
    print(e)
