# type objects: attributes, __dict__ (mappingproxy), MRO, descriptors, calling
type(int.__dict__)
int.__dict__['__add__']
'__add__' in int.__dict__
'nope' in int.__dict__
int.__dict__['nope']
len(object.__dict__) > 10
type.__dict__['__dict__']
object.__dict__['__class__']
type(float.__dict__['real'])
float.__dict__['fromhex']
type(float.__dict__['fromhex'])
type(int.__dict__['__new__'])
int.__new__(int)
int.__new__(int, '7')
int.__new__(str)
int.__new__(1)
object.__new__(object).__class__
object.__init__
object.__eq__(1, 1)
object.__ne__(1, 2)
object.__lt__(1, 2)
object.__hash__
float.__hash__(1.5)
int.__repr__(5)
int.__repr__('x')
str.__add__('a', 'b')
type(str.__add__)
type((1).__add__)
(1).__add__.__name__
(1).__add__.__qualname__
int.__add__.__qualname__
int.__add__.__objclass__
int.__add__.__doc__
type.__name__
type.__qualname__
type.__module__
object.__module__
type.__mro__
type.mro(bool)
bool.__base__
bool.__bases__
object.__base__
object.__bases__
type(type)
type(object)
type(1)
type('a', (), {})
type('a', (), {}).__mro__
type('a', (), {}).__name__
type('a', (1,), {})
type('a')
type(1, 2, 3)
type('a', (), {}, 1)
type('B', (int,), {}).__mro__
type('C', (float,), {})(1.5)
type('C', (float,), {})('2.5') + 1
issubclass(bool, int)
issubclass(int, (str, object))
issubclass(1, int)
isinstance(1, (str, (float, int)))
type.__subclasscheck__(int, bool)
int.__subclasshook__(1)
object.__sizeof__(1) > 0
object().__class__
object().__sizeof__()
property.__mro__
type(property())
property().fget
property(repr).fget
property(len, doc='d').__doc__
property().__isabstractmethod__
staticmethod(len).__func__
classmethod(len).__func__
staticmethod(len)('abc')
super(bool, True).__repr__()
super(int, 1)
super(str, 1)
super(1)
repr(super(bool))
