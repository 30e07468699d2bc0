def sample(a, b: int = 2, *args, c, d=4, **kw) -> str:
    """Sample doc."""
    local_one = 1
    return "x"


co = sample.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_posonlyargcount, co.co_nlocals)
print(co.co_varnames, co.co_flags & 0x04 != 0, co.co_flags & 0x08 != 0)
print(sample.__defaults__, sample.__kwdefaults__, sample.__annotations__, sample.__doc__)
print(sample.__name__, sample.__qualname__, sample.__module__, callable(sample), type(sample).__name__)
sample.attr = "custom"
print(sample.attr, sample.__dict__)
print(sample.__code__.co_consts[0], sample.__globals__ is globals())
