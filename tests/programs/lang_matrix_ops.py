def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def identity(n):
    return [[int(i == j) for j in range(n)] for i in range(n)]


def power(m, k):
    result = identity(len(m))
    while k:
        if k & 1:
            result = matmul(result, m)
        m = matmul(m, m)
        k >>= 1
    return result


fib = power([[1, 1], [1, 0]], 90)
print(fib[0][1])
a = [[1, 2], [3, 4]]
print(matmul(a, a), matmul(a, identity(2)) == a, [list(r) for r in zip(*a)])
det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
print(det, [[x / det for x in row] for row in [[4, -2], [-3, 1]]])
print(power([[2, 0], [0, 3]], 10))
