records = [
    {"name": "zed", "dept": "b", "salary": 50},
    {"name": "amy", "dept": "a", "salary": 70},
    {"name": "bob", "dept": "b", "salary": 70},
    {"name": "cat", "dept": "a", "salary": 50},
]
by_dept_salary = sorted(records, key=lambda r: (r["dept"], -r["salary"], r["name"]))
print([r["name"] for r in by_dept_salary])
print([r["name"] for r in sorted(records, key=lambda r: r["name"][::-1])])
records.sort(key=lambda r: r["salary"])
print([(r["name"], r["salary"]) for r in records])
print(sorted(["10", "9", "100", "1"]), sorted(["10", "9", "100", "1"], key=int), sorted([-2, 1, -1, 2], key=abs))
print(sorted("Hello World".split(), key=str.lower), sorted([(1, 2), (1,), ()]))
