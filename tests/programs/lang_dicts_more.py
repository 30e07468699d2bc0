d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.values()), list(d.items()))
print(d.get("z"), d.get("z", 0), d.setdefault("e", 5), d.pop("b"), d)
del d["a"]
print(d, "a" in d, len(d))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: -kv[1]))
print(dict.fromkeys("ab", 0), dict([("x", 1)], y=2), {**counts, "m": 100}["m"])
merged = {"a": 1} | {"a": 2, "b": 3}
print(merged, {1: "a"} == {1: "a"}, {1: 2} != {1: 3})


class Missing(dict):
    def __missing__(self, key):
        return key * 2


m = Missing(a=1)
print(m["a"], m["zz"], m)
inv = {v: k for k, v in {"one": 1, "two": 2}.items()}
print(inv, sorted(inv))
nested = {"x": {"y": {"z": 1}}}
print(nested["x"]["y"]["z"])
print({True: "a", 1: "b", 1.0: "c"})
try:
    {{}: 1}
except TypeError as e:
    print(e)
d2 = dict(a=1)
d2.update({"b": 2}, c=3)
print(d2, d2.popitem(), list(reversed(d2)))
