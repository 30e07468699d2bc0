def lookup(d, k):
    return d[k]


print("before")
lookup({"a": 1}, "missing")
