for i in range(5):
    if i == 3:
        break
else:
    print("not printed")
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("even", n)
else:
    print("not printed")
count = 0
while count < 3:
    count += 1
else:
    print("while else", count)
result = []
for x in range(3):
    for y in range(3):
        if y > x:
            break
        result.append((x, y))
print(result)


def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            return i
    return -1


print(find("hello", "l"), find("hello", "z"))
total = 0
for i in range(100):
    try:
        if i % 7 == 0:
            continue
        if i > 20:
            break
        total += i
    finally:
        total += 1000
print(total)
print([i for i in range(10) if i % 2 if i % 3])
x = 5
print("big" if x > 3 else "small", x if x else "zero")
