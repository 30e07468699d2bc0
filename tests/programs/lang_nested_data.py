tree = {"name": "root", "children": [
    {"name": "a", "children": [{"name": "a1", "children": []}, {"name": "a2", "children": []}]},
    {"name": "b", "children": []},
]}


def walk(node, depth=0):
    yield depth, node["name"]
    for child in node["children"]:
        yield from walk(child, depth + 1)


for depth, name in walk(tree):
    print("  " * depth + name)


def count(node):
    return 1 + sum(count(c) for c in node["children"])


print(count(tree), max(d for d, _ in walk(tree)))
flat = [name for _, name in walk(tree)]
print(flat, sorted(flat, reverse=True))
table = [[r * c for c in range(1, 4)] for r in range(1, 4)]
print("\n".join(" ".join(f"{v:3}" for v in row) for row in table))
