class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents / 100:.2f}"

    def __format__(self, spec):
        if spec == "short":
            return f"{self.cents}c"
        return format(str(self), spec)

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __le__(self, other):
        return self.cents <= other.cents

    def __hash__(self):
        return hash(self.cents)

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented

    def __radd__(self, other):
        return self + other

    def __iadd__(self, other):
        self.cents += other.cents if isinstance(other, Money) else other
        return self

    def __int__(self):
        return self.cents

    def __float__(self):
        return self.cents / 100

    def __index__(self):
        return self.cents


m = Money(250)
print(m, repr(m), f"{m:short}", f"{m:>10}|", str(m), int(m), float(m))
print(m + 5, 5 + m, sum([Money(1), Money(2)], Money(0)), m == Money(250), m != Money(1))
print(sorted([Money(3), Money(1), Money(2)]), max(Money(5), Money(9)), Money(1) <= Money(1))
m += Money(50)
print(m, [0, 1, 2, 3][Money(2)], bin(Money(5)), hex(Money(255)))
try:
    m + "x"
except TypeError as e:
    print(e)
try:
    Money(1) > Money(2)
    print("gt via reflected lt")
except TypeError as e:
    print(e)
print(len({Money(1), Money(1), Money(2)}))
