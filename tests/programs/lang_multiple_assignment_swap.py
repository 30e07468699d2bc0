a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x = y = z = []
x.append(1)
print(y, z is x)
i, lst = 0, [10, 20]
i, lst[i] = 1, 99
print(i, lst)
first, second = "ab"
print(first, second)
(a, b), [c, d] = "xy", (3, 4)
print(a, b, c, d)
data = {"p": (1, 2)}
for key, (u, v) in data.items():
    print(key, u + v)
q = [0, 1, 2, 3]
q[1], q[2] = q[2], q[1]
print(q)
n = 5
n, m = n + 1, n * 2
print(n, m)
