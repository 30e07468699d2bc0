csv = "name,age,city\nann,30,paris\nbob,25,rome"
rows = [line.split(",") for line in csv.splitlines()]
header, *body = rows
print(header, body)
records = [dict(zip(header, r)) for r in body]
print(records)
print(", ".join(f"{r['name']}({r['age']})" for r in records))
text = "the cat sat on the mat the end"
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
print(" ".join(reversed(text.split())), text.title(), text.count("the"), text.replace("the", "a", 2))
print("a-b_c d".translate(str.maketrans("-_", "  ")).split(), "x".join("abc"), "".join(sorted("banana")))
print("%s=%r" % ("k", "v"), "|".join(["", "", ""]), "abc".rjust(6, "."), "abc".ljust(6, "."))
