words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
groups = {}
for w in words:
    groups.setdefault(w[0], []).append(w)
print(groups)
print({k: len(v) for k, v in groups.items()}, {k: sorted(v, key=len) for k, v in sorted(groups.items())})
lengths = {w: len(w) for w in words}
print(max(lengths, key=lengths.get), min(lengths.values()), sum(lengths.values()))
inverted = {}
for w, n in lengths.items():
    inverted.setdefault(n, set()).add(w)
print({n: sorted(ws) for n, ws in sorted(inverted.items())})
matrix = {(i, j): i * j for i in range(3) for j in range(3) if i <= j}
print(matrix, matrix[1, 2], (2, 1) in matrix)
