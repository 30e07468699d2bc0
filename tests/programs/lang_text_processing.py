text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity."""
words = [w.strip(",.").lower() for w in text.split()]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
print(len(words), len(set(words)), max(words, key=len), sorted({len(w) for w in words}))
lines = text.splitlines()
print([len(l) for l in lines], [l.split(",")[0] for l in lines])
print(text.upper().count("IT WAS"), text.find("wisdom"), text[text.find("wisdom"):][:6])
caesar = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.islower() else c for c in "hello, world")
print(caesar, "".join(chr((ord(c) - 97 - 3) % 26 + 97) if c.islower() else c for c in caesar))
print(" ".join(w.capitalize() for w in "make every word title".split()), "abc"[::-1] == "cba")
