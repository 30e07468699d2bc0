# complex: errors with CPython's messages
def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: 1j / 0)
t(lambda: 1j / 0.0)
t(lambda: 1j / 0j)
t(lambda: 1 / 0j)
t(lambda: 1.5 / complex(0, 0))
t(lambda: 0j ** -1)
t(lambda: 0j ** 1j)
t(lambda: 0j ** (-1.5))
t(lambda: 0j ** complex(1, 1))
t(lambda: 0.0 ** 1j)
t(lambda: 0 ** (-1+0j))
t(lambda: (1e200 + 1e200j) ** 2)
t(lambda: (10+10j) ** 1000.5)
t(lambda: (1+1j) ** 5000)
t(lambda: complex(1e308, 1e308) ** 3)
t(lambda: complex(float('inf'), 0) ** 2)
t(lambda: pow(1j, 2, 3))
t(lambda: abs(complex(1e308, 1e308)))
t(lambda: 1j // 1)
t(lambda: 1 // 1j)
t(lambda: 1j % 1)
t(lambda: 2.0 % 1j)
t(lambda: divmod(1j, 1))
t(lambda: divmod(1, 1j))
t(lambda: 1j < 2j)
t(lambda: 1j <= 1)
t(lambda: 1j > 1.0)
t(lambda: 1 >= 1j)
t(lambda: 1j + "a")
t(lambda: "a" + 1j)
t(lambda: 1j * [1])
t(lambda: 1j & 1)
t(lambda: ~1j)
t(lambda: 1j << 1)
t(lambda: round(1j))
t(lambda: 1j + None)
for s in ["", " ", "1+", "1+2", "j1", "1jj", "(1+2j", "1+2j)", "()", "1 + 2j", "1+2j+3j", "a", "1e", "+-1j",
          "1__0j", "_1j", "1_j", "1j_", "1+2_j", "nanj+1", "infi", "1..2j", "\x00", "1+2j\x00", "--1"]:
    t(lambda: complex(s))
t(lambda: complex("1+2j", 1))
t(lambda: complex("1", "2"))
t(lambda: complex(1, "2"))
t(lambda: complex(None))
t(lambda: complex([]))
t(lambda: complex(1, None))
t(lambda: complex(1, []))
t(lambda: complex(1, 2, 3))
t(lambda: complex(real=1, foo=2))
t(lambda: complex(1, real=2))
t(lambda: complex(b"1"))
class Bad:
    def __complex__(self):
        return 1
class Raises:
    def __complex__(self):
        raise RuntimeError("boom")
t(lambda: complex(Bad()))
t(lambda: complex(Raises()))
t(lambda: (1j).real.__class__)
def setreal():
    z = 1j
    z.real = 2
t(setreal)
def setattr_():
    z = 1j
    z.foo = 2
t(setattr_)
t(lambda: format(1j, ''))
t(lambda: complex.conjugate(1))
