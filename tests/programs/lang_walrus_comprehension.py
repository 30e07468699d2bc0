data = [1, 5, 12, 7, 20, 3]
if (n := len(data)) > 5:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
total = 0
print([total := total + x for x in range(5)], total)
import_like = {k: v for k in "ab" for v in (1,) if (z := k)}
print(import_like, z)
while (item := data.pop()) != 12:
    print("popped", item)
print(data)
matrix = [[i * j for j in range(4)] for i in range(4)]
print([row[i] for i, row in enumerate(matrix)])
print({x: [y for y in range(x)] for x in range(4)})
gen = ((a, b) for a in range(3) for b in range(3) if a != b)
print(list(gen))
print(sum(x for x in range(101)), max((len(w), w) for w in "a bb ccc dd".split()))
