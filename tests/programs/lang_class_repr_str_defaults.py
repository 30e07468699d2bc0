class Plain:
    pass


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class OnlyStr:
    def __str__(self):
        return "only str"


p = Plain()
print(repr(p).startswith("<__main__.Plain object at 0x"), str(p) == repr(p))
print(str(OnlyRepr()), repr(OnlyRepr()), f"{OnlyRepr()}", [OnlyRepr()])
print(str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr"), f"{OnlyStr()!s}", format(OnlyStr()))
print(repr(Plain).startswith("<class '__main__.Plain'>"), Plain.__name__, Plain.__qualname__, Plain.__module__)
print(repr(len), repr(int), repr(type), repr(object), repr(None.__class__))
