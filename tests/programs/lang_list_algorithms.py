def binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


data = sorted([17, 3, 99, 42, 8, 23, 56])
print(data, [binary_search(data, t) for t in (42, 3, 100)])
matrix = [[1, 2, 3], [4, 5, 6]]
transposed = [list(row) for row in zip(*matrix)]
print(transposed, [sum(r) for r in matrix], [[r[i] * 2 for r in matrix] for i in range(3)])
stack = []
for ch in "(()[]{})":
    if ch in "([{":
        stack.append(ch)
    else:
        opener = stack.pop()
        assert "([{".index(opener) == ")]}".index(ch)
print("balanced", not stack)
queue = list(range(5))
while queue:
    item = queue.pop(0)
    if item % 2 == 0 and item < 4:
        queue.append(item + 10)
    print(item, end=" ")
print()
primes = []
sieve = [True] * 50
for i in range(2, 50):
    if sieve[i]:
        primes.append(i)
        for j in range(i * i, 50, i):
            sieve[j] = False
print(primes)
words = ["bb", "a", "ccc", "a", "bb"]
seen = []
for w in words:
    if w not in seen:
        seen.append(w)
print(seen, words.count("a"), words.index("ccc"), list(reversed(words)))
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid, [row[:] for row in grid] == grid)
