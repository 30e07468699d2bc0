import sys

sys.setrecursionlimit(100100)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(100000))
sys.setrecursionlimit(1000)
try:
    depth(5000)
except RecursionError as e:
    print("RecursionError:", e)
