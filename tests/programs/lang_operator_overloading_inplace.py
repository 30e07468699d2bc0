class Acc:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self

    def __add__(self, o):
        print("add")
        return Acc(self.v + o)

    def __imul__(self, o):
        return NotImplemented

    def __mul__(self, o):
        print("mul fallback")
        return Acc(self.v * o)

    def __repr__(self):
        return f"Acc({self.v})"


a = Acc(1)
b = a
a += 5
print(a, a is b)
a *= 3
print(a, a is b)
a = a + 1
print(a)
lst = [1]
alias = lst
lst += [2]
print(alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2, t is t2)
s = "x"
s *= 3
print(s)
n = 10
n //= 3
n **= 2
n %= 5
n <<= 2
n |= 1
n ^= 3
n &= 6
print(n)
