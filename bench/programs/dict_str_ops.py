# Strings and dicts: formatting, splitting, joining, counting, sorting.
def main(n):
    counts = {}
    words = []
    for i in range(n):
        w = "w%d_%s" % (i % 997, "abc"[i % 3])
        words.append(w)
        counts[w] = counts.get(w, 0) + 1
    text = " ".join(words)
    parts = text.split(" ")
    upper = [p.upper() for p in parts[:1000]]
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return len(parts), upper[7], top, sum(len(p) for p in parts)


print(main(300000))
