values = [1, 1.0, "s", b"b", [], (), {}, set(), None, True, len, int, object(), range(1), 1j]
for v in values:
    print(type(v).__name__, isinstance(v, (int, float)), isinstance(v, object), type(v) is type(v))
print(isinstance(True, int), isinstance(int, type), isinstance(type, type), issubclass(type, object))
print(issubclass(int, (str, object)), issubclass(bool, (bool,)), type(type(1)).__name__)


class A:
    pass


class B(A):
    pass


print(isinstance(B(), A), issubclass(B, A), issubclass(A, B), A in B.__mro__, B.__base__ is A)
try:
    isinstance(1, 1)
except TypeError as e:
    print(e)
try:
    issubclass(1, int)
except TypeError as e:
    print(e)


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"


class Magic(metaclass=Meta):
    pass


print(isinstance("magic", Magic), isinstance("other", Magic))
