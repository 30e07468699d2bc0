# complex: construction, repr, members, hash, equality
vals = [0j, 1j, -1j, 2j, 1+2j, 1-2j, -1-2j, -0.0-0j, complex(-0.0, -0.0), complex(0.0, -0.0),
        complex(-0.0, 0.0), 1.5+2.25j, 1e16+1j, 1e-5j, 123456789.125+0.1j, 1e300*1e300j,
        complex(float('nan'), float('inf')), complex(float('inf'), float('nan')),
        complex(float('-inf'), -float('inf')), complex(1, float('nan')), 3+0j, 10+100j]
for v in vals:
    print(repr(v), str(v), v.real, v.imag, type(v).__name__)
print(complex(), complex(1), complex(1.5), complex(2, 3), complex(2.5, -3.5))
print(complex(real=1, imag=2), complex(imag=4), complex(real=5))
print(complex(1+2j, 3+4j), complex(1j, 1j), complex(1+1j), complex(True, False))
for s in ["1+2j", " 1+2j ", "(1+2j)", " ( -1.5-2.5j ) ", "j", "-j", "+j", "1+j", "1-j",
          "3", "3.5", "-4j", "1e3j", "1e-3+1e3j", "inf", "-infj", "nan+nanj", "infinity-infinityj",
          "1_000+2_0j", "1.j", ".5j", "5.", "1E5J", "\u00a01+2j\u2003", "\u0661+\u0662j", "NaN", "-INF+1j"]:
    print(repr(s), repr(complex(s)))
print(hash(1+0j) == hash(1), hash(1.5+0j) == hash(1.5), hash(0j), hash(1j), hash(1+1j), hash(-1+0j))
print(hash(2.5-3.25j), hash(complex(float('inf'), 1)), hash(1e300+1e-300j))
print(1+0j == 1, 1+0j == 1.0, 1j == 1, 1j == 1j, 1+2j != 1+2j, 1+2j != 2+1j, 0j == 0, 0j == False)
print(2**60 + 0j == 2**60, 2**53 + 1 == complex(2**53 + 1), 1 == 1+0j, 1.0 == 1+0j, 1j == None, 1j != "1j")
print(complex(float('nan')) == complex(float('nan')))
print((3-4j).conjugate(), (3+4j).conjugate(), (1j).__getnewargs__(), (1.5-2j).__getnewargs__())
print(format(1+2j, ''), f"{3-4j}", str(1j), "%s %r" % (1j, 2+3j))
print(bool(0j), bool(1j), bool(1+0j), bool(complex(0.0, -0.0)))
z = 1+2j
print(z.__complex__() is z, complex(z) is z, +z is z, abs(3+4j), abs(-5j), abs(0j))
print(abs(complex(float('inf'), float('nan'))), abs(complex(float('nan'), float('-inf'))), abs(complex(float('nan'), 1)))
class C:
    def __complex__(self):
        return 5+6j
print(complex(C()), complex(C(), 1), complex(C(), 1j))
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
print(complex(F()), complex(I()), complex(F(), I()), complex(1, F()))
class Sub(complex):
    pass
s = Sub(1, 2)
print(type(s).__name__, s, s.real, s.imag, type(+s).__name__, type(s + 1).__name__, type(complex(s)).__name__)
print(Sub("3+4j"), type(Sub("3+4j")).__name__, Sub() == 0, isinstance(1j, complex), complex.__name__)
print({1j: 'a', 1+0j: 'b', 1: 'c'}, {0j, 0, 0.0, False})
print(type(1j.real), (2j).imag, (2+3j).real)
