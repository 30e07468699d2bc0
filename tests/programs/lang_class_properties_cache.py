class Lazy:
    def __init__(self):
        self.computed = 0

    @property
    def value(self):
        if "_value" not in self.__dict__:
            self.computed += 1
            self._value = 42
        return self._value


l = Lazy()
print(l.value, l.value, l.computed)


class Temperature:
    def __init__(self):
        self._c = 0

    def get_c(self):
        return self._c

    def set_c(self, v):
        self._c = v

    c = property(get_c, set_c, None, "celsius")


t = Temperature()
t.c = 37
print(t.c, Temperature.c.__doc__, type(Temperature.c).__name__)
print(Temperature.c.fget.__name__, Temperature.c.fdel)
try:
    del t.c
except AttributeError as e:
    print(e)
