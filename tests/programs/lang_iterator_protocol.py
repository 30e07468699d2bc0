class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(4)), sum(Countdown(10)), max(Countdown(3)))


class Seq:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i


print(list(Seq()), 9 in Seq(), 7 in Seq())
it = iter(Seq())
print(next(it), next(it), type(it).__name__)


class Sentinel:
    def __init__(self):
        self.i = 0

    def __call__(self):
        self.i += 1
        return self.i


print(list(iter(Sentinel(), 4)))
a, b, c = Countdown(3)
print(a, b, c)
print(dict(zip(Countdown(3), "abc")), sorted(Countdown(5)))


class BadIter:
    def __iter__(self):
        return 5


try:
    iter(BadIter())
except TypeError as e:
    print(e)
try:
    for x in 5:
        pass
except TypeError as e:
    print(e)
print(list(enumerate(Countdown(2))), list(map(str, Countdown(3))))
