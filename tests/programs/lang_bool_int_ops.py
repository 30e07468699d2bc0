print(True + 1, True * 3, False - 1, True / 2, True // 1, -True, ~True, True & False, True | False, True ^ True)
print(isinstance(False, int), bool.__mro__, int(True), str(False), repr(True), hash(True))
print(sum([True, True, False]), max(True, 0), sorted([True, False, 2, -1]))
print(1 == True, 2 == True, True is True, (1 > 0) is True, type(3 > 2).__name__)
print(True.real, True.bit_length(), (5).__bool__(), (0).__bool__(), bool("False"))
print(f"{True}", f"{True:d}", f"{False!r}", "%d %s" % (True, False), format(True, "^7"))
try:
    bool.__new__(bool, 1, 2)
except TypeError as e:
    print(e)
try:
    class B(bool):
        pass
except TypeError as e:
    print(e)
