READ, WRITE, EXEC = 1, 2, 4
perms = READ | WRITE
print(perms, bool(perms & READ), bool(perms & EXEC), bin(perms | EXEC), perms ^ WRITE)
perms |= EXEC
perms &= ~WRITE
print(perms, [name for name, bit in [("r", READ), ("w", WRITE), ("x", EXEC)] if perms & bit])
print(f"{0b1011:04b}", 0o17, 0xFF, 1 << 10, 1024 >> 3, (-1) >> 5, ~0, -8 & 7)
n = 0b101101
count = 0
while n:
    n &= n - 1
    count += 1
print(count, bin(45).count("1"), (45).bit_length())
