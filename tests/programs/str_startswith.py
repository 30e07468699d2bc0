s = 'hello world'
def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("s.startswith('hello')", lambda: s.startswith('hello')),
    ("s.startswith('world')", lambda: s.startswith('world')),
    ("s.startswith('world', 6)", lambda: s.startswith('world', 6)),
    ("s.startswith('wor', 6, 8)", lambda: s.startswith('wor', 6, 8)),
    ("s.startswith('wor', 6, 9)", lambda: s.startswith('wor', 6, 9)),
    ("s.startswith(('x', 'y', 'he'))", lambda: s.startswith(('x', 'y', 'he'))),
    ('s.startswith(())', lambda: s.startswith(())),
    ("s.startswith('')", lambda: s.startswith('')),
    ("s.startswith('', 11)", lambda: s.startswith('', 11)),
    ("s.startswith('', 12)", lambda: s.startswith('', 12)),
    ("s.startswith('', -100)", lambda: s.startswith('', -100)),
    ("s.startswith('h', -100)", lambda: s.startswith('h', -100)),
    ("s.endswith('world')", lambda: s.endswith('world')),
    ("s.endswith('hello', 0, 5)", lambda: s.endswith('hello', 0, 5)),
    ("s.endswith('hello', 0, -6)", lambda: s.endswith('hello', 0, -6)),
    ("s.endswith(('a', 'ld'))", lambda: s.endswith(('a', 'ld'))),
    ("s.endswith('', 5, 3)", lambda: s.endswith('', 5, 3)),
    ("s.endswith('', 3, 5)", lambda: s.endswith('', 3, 5)),
    ("s.endswith('d', -1)", lambda: s.endswith('d', -1)),
    ("s.endswith('o', None, 5)", lambda: s.endswith('o', None, 5)),
    ('s.startswith(1)', lambda: s.startswith(1)),
    ("s.startswith(('a', 1))", lambda: s.startswith(('a', 1))),
    ("s.endswith(['a'])", lambda: s.endswith(['a'])),
    ('s.endswith()', lambda: s.endswith()),
    ("s.startswith('a', 'b')", lambda: s.startswith('a', 'b')),
    ("s.startswith('h', 0, None)", lambda: s.startswith('h', 0, None)),
    ("'日本語'.startswith('日本')", lambda: '日本語'.startswith('日本')),
    ("'日本語'.endswith(('語', 'x'))", lambda: '日本語'.endswith(('語', 'x'))),
    ("'\\U0001f600x'.startswith('\\U0001f600')", lambda: '\U0001f600x'.startswith('\U0001f600')),
    ("s.startswith(('h',), 0, 1)", lambda: s.startswith(('h',), 0, 1)),
    ("s.startswith(('hello world!',))", lambda: s.startswith(('hello world!',))),
)
for label, f in tests:
    show(label, f)
