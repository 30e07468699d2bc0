# Error types and messages of builtins and the language, case by case.
import sys

def case0():
    len(5)

def case1():
    abs('a')

def case2():
    int('x')

def case3():
    int('12', 1)

def case4():
    float('nan1')

def case5():
    [].pop()

def case6():
    {}.popitem()

def case7():
    (1,2).index(3)

def case8():
    'abc'.index('z')

def case9():
    [1].remove(2)

def case10():
    dict(a=1)['b']

def case11():
    None.x

def case12():
    object().y

def case13():
    1 + None

def case14():
    'a' * 'b'

def case15():
    [1][5]

def case16():
    divmod(1, 0)

def case17():
    1 % 0

def case18():
    2 ** -1 % 0

def case19():
    pow(2, 3, 0)

def case20():
    chr(-1)

def case21():
    ord('ab')

def case22():
    sorted([1, 'a'])

def case23():
    min([])

def case24():
    max()

def case25():
    iter(5)

def case26():
    next(iter([]))

def case27():
    hash([])

def case28():
    setattr(1, 'a', 2)

def case29():
    getattr(1, 'zz')

def case30():
    delattr(1, 'real')

def case31():
    int.x

def case32():
    type('A', (1,), {})

def case33():
    isinstance(1, 2)

def case34():
    issubclass(1, int)

def case35():
    round(1.5, 'a')

def case36():
    sum(['a'])

def case37():
    frozenset([[]])

def case38():
    {[]: 1}

def case39():
    slice(1)[0]

def case40():
    range(1.5)

def case41():
    range(0, 10, 0)

def case42():
    list(range(3))[::0]

def case43():
    'x'.join([1])

def case44():
    '%d' % 'a'

def case45():
    '{0}'.format()

def case46():
    '{x}'.format()

def case47():
    format(1, 'q')

def case48():
    bytes is not None

def case49():
    bool.__new__(int)

def case50():
    super()

def case51():
    vars(1)

def case52():
    dir(1, 2)

def case53():
    print(sep=1)

def case54():
    compile

def case55():
    exec(1)

def case56():
    eval(1)

def case57():
    callable()

def case58():
    zip(1)

def case59():
    map(1)

def case60():
    filter(1, 2)

def case61():
    enumerate(1)

def case62():
    reversed(1)

def case63():
    None

def case64():
    complex('x')

def case65():
    1j < 2j

def case66():
    float(1j)

def case67():
    int(1j)

def case68():
    [].sort(key=1)

def case69():
    sorted([3,1], reverse=None)

def case70():
    f'{1:q}'

def case71():
    __import__('nonexist')

def case72():
    a, b = [1]

def case73():
    a, b = [1, 2, 3]

def case74():
    x = [*5]

def case75():
    x = {**5}

def case76():
    def f(a): pass
    f()

def case77():
    def f(a): pass
    f(1, 2)

def case78():
    def f(a): pass
    f(b=1)

def case79():
    def f(*, a): pass
    f(1)

def case80():
    class A:
      def __init__(self): return 1
    A()

def case81():
    class A: pass
    A(1)

def case82():
    object.__new__(int)

def case83():
    int.__new__(str)

def case84():
    raise 1

def case85():
    raise ValueError from 1

def case86():
    assert False, 'msg'

def case87():
    del x

def case88():
    x += 1

def case89():
    import sys; sys.exit('bye')

def case90():
    [].__getitem__('a')

def case91():
    'a'.__getitem__(1.0)

def case92():
    (1).__add__('a')

def case93():
    str.upper(1)

def case94():
    list.append([], 1, 2)

for i in range(95):
    try:
        globals()['case%d' % i]()
        print(i, 'ok')
    except SystemExit as e:
        print(i, 'SystemExit', e.code)
    except BaseException as e:
        print(i, type(e).__name__, e)
