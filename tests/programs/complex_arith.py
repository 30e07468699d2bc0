# complex arithmetic, mixed with int and float
a, b = 1+2j, 3-4j
print(a + b, a - b, a * b, a / b, b / a, -a, +a, a ** 2, a ** -1, a ** 0, a ** 0.5)
print(a + 1, 1 + a, a + 1.5, 1.5 + a, a - 1, 1 - a, a - 2.5, 2.5 - a)
print(a * 2, 2 * a, a * 0.5, 0.5 * a, a / 2, 2 / a, a / 0.5, 0.5 / a, True + a, a * False)
print(a ** 3, a ** 10, a ** -3, 2 ** a, 2.0 ** a, a ** b, b ** a, a ** 1j, 1j ** 1j, 1j ** 2)
print((-1) ** 0.5, (-8) ** (1/3), (-2.0) ** 1.5, 0j ** 0, 0j ** 2, 0j ** 1.5, (0j) ** 0j)
print(1j * 1j, 1j ** 3, 1j ** 4, (1+1j) ** 100, (1+1j) ** -100, (1+1j) ** 100.0, (1+1j) ** 101)
print(complex(1e300, 1e300) / complex(1e300, 1e300), complex(1, 1) / complex(1e-300, 1e-300))
print(1j / complex(float('nan'), 1), (1+1j) / complex(float('inf'), 1), complex(float('inf'), 1) / 2)
print(complex(1e308, 1e308) * 0.5, complex(1e-320, 1e-320) * 1e300, 2**70 * 1j, 1j + 2**70)
x = 1+1j
x += 1
print(x)
x *= 2j
print(x)
x -= 0.5
print(x)
x /= 1+1j
print(x)
x **= 2
print(x)
print(sum([1j, 2j, 3]), sum([1+1j, 0.5], 1j), pow(2j, 2), pow(1+1j, -2))
print(abs(1e300+1e300j), abs(complex(3e-320, 4e-320)), abs(-0j), abs(1e308+0j))
print(-0j, -(0j), 0j * -1, -1 * 0j, (-0.0) * 1j, 0.0 * -1j, (1j).conjugate() * 0)
vals = [0j, 1, 2.5, -1j, 3+4j]
print([v * w for v in vals for w in vals])
print([v + w for v in vals for w in vals])
