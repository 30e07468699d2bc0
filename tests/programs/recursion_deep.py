import sys


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


try:
    depth(100000)
except RecursionError as e:
    print("RecursionError:", e)

print(depth(900))


class Node:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return f"Node({self.child!r})"


n = None
for i in range(5000):
    n = Node(n)
try:
    repr(n)
except RecursionError as e:
    print("repr:", type(e).__name__, e)


def mutual_a(k):
    return mutual_b(k + 1)


def mutual_b(k):
    return mutual_a(k + 1)


try:
    mutual_a(0)
except RecursionError as e:
    print("mutual:", e)
print(sys.getrecursionlimit())
