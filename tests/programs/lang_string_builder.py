parts = []
for i in range(5):
    parts.append(f"<li>{i}</li>")
html = "<ul>" + "".join(parts) + "</ul>"
print(html, len(html))
table = "\n".join("|".join(f"{r * c:>3}" for c in range(1, 6)) for r in range(1, 4))
print(table)
s = ""
for ch in "abc":
    s += ch * 2
print(s, s.upper(), s[::2])
print("{:=^30}".format(" report "), "-" * 30)
