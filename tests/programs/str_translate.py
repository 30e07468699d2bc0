t = str.maketrans('abc', 'xyz', 'd')
def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ('t', lambda: t),
    ("'aabbccdd'.translate(t)", lambda: 'aabbccdd'.translate(t)),
    ("'hello'.translate({ord('l'): 'L', ord('o'): None})", lambda: 'hello'.translate({ord('l'): 'L', ord('o'): None})),
    ("'hello'.translate({104: 72})", lambda: 'hello'.translate({104: 72})),
    ("'hello'.translate({104: '日本'})", lambda: 'hello'.translate({104: '日本'})),
    ("'hello'.translate({})", lambda: 'hello'.translate({})),
    ("'hello'.translate([])", lambda: 'hello'.translate([])),
    ("'abc'.translate([c for _ in range(40) for c in 'xyz'])", lambda: 'abc'.translate([c for _ in range(40) for c in 'xyz'])),
    ("'abc'.translate({97: 0x110000})", lambda: 'abc'.translate({97: 0x110000})),
    ("'abc'.translate({97: -1})", lambda: 'abc'.translate({97: -1})),
    ("'abc'.translate({97: 1.5})", lambda: 'abc'.translate({97: 1.5})),
    ("'abc'.translate({97: b'x'})", lambda: 'abc'.translate({97: b'x'})),
    ("'abc'.translate(None)", lambda: 'abc'.translate(None)),
    ("'abc'.translate()", lambda: 'abc'.translate()),
    ("str.maketrans({'a': 'b', 98: None, 'c': 100})", lambda: str.maketrans({'a': 'b', 98: None, 'c': 100})),
    ("str.maketrans('', '')", lambda: str.maketrans('', '')),
    ("str.maketrans('ab', 'cd', 'ef')", lambda: str.maketrans('ab', 'cd', 'ef')),
    ('str.maketrans()', lambda: str.maketrans()),
    ('str.maketrans(1)', lambda: str.maketrans(1)),
    ("str.maketrans('ab')", lambda: str.maketrans('ab')),
    ("str.maketrans('ab', 'c')", lambda: str.maketrans('ab', 'c')),
    ('str.maketrans({1.5: 1})', lambda: str.maketrans({1.5: 1})),
    ("str.maketrans({'ab': 1})", lambda: str.maketrans({'ab': 1})),
    ("str.maketrans({'': 1})", lambda: str.maketrans({'': 1})),
    ('str.maketrans(1, 2)', lambda: str.maketrans(1, 2)),
    ("str.maketrans(1, 'b')", lambda: str.maketrans(1, 'b')),
    ("str.maketrans('a', 'b', 3)", lambda: str.maketrans('a', 'b', 3)),
    ("str.maketrans('a', 'b', 'c', 'd')", lambda: str.maketrans('a', 'b', 'c', 'd')),
    ("'xyz'.maketrans('x', 'y')", lambda: 'xyz'.maketrans('x', 'y')),
    ("str.maketrans('日', '本')", lambda: str.maketrans('日', '本')),
    ("'日本'.translate(str.maketrans('日', 'x'))", lambda: '日本'.translate(str.maketrans('日', 'x'))),
    ("'abc'.translate(str.maketrans('abc', 'ABC'))", lambda: 'abc'.translate(str.maketrans('abc', 'ABC'))),
    ("'\\U0001f600'.translate({0x1f600: 'smile'})", lambda: '\U0001f600'.translate({0x1f600: 'smile'})),
)
for label, f in tests:
    show(label, f)
