class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n


add5 = Adder(5)
print(add5(10), list(map(add5, [1, 2])), callable(add5), callable(Adder))


class Pipeline:
    def __init__(self, *steps):
        self.steps = steps

    def __call__(self, value):
        for step in self.steps:
            value = step(value)
        return value


p = Pipeline(str.strip, str.lower, lambda s: s.replace(" ", "_"), Adder("!").__call__ if False else (lambda s: s + "!"))
print(p("  Hello World  "))
print(sorted([3, 1, 2], key=Adder(-2)), max([1, 5, 3], key=Adder(0)))
