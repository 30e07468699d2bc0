print("hello", 1, 2.5, None, True, [1, (2, 3)], {'a': 1})
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
class A:
    x = 1
    def __init__(self, y): self.y = y
    def __repr__(self): return f"A({self.y!r})"
class B(A):
    def __init__(self, y):
        super().__init__(y * 2)
print(B(3), A('q'), isinstance(B(1), A))
print(sorted([3, 1, 2], reverse=True), max(1, 5, 3), sum([1.5, 2.5]))
def g():
    yield 1
    x = yield 2
    print('got', x)
    return 5
it = g()
print(next(it), next(it))
try:
    it.send('v')
except StopIteration as e:
    print('stop', e.value)
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
with_list = [i * i for i in range(10) if i % 2]
print(with_list)
match (1, 2):
    case (1, y): print('match', y)
