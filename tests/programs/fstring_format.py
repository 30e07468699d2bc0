x = 3.14159
print(f"{x:.2f} {'x':>5}| {42:08b} {'abc'!r:^9}")
print("{} and {name}".format(1, name="n"))
