def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("'a\\nb\\r\\nc\\rd\\x0be\\x0cf\\x1cg\\x1dh\\x1ei\\x85j\\u2028k\\u2029l'.splitlines()", lambda: 'a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l'.splitlines()),
    ("'a\\nb\\r\\nc\\rd\\x0be\\x0cf\\x1cg\\x1dh\\x1ei\\x85j\\u2028k\\u2029l'.splitlines(True)", lambda: 'a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l'.splitlines(True)),
    ("'a\\nb\\n'.splitlines()", lambda: 'a\nb\n'.splitlines()),
    ("'a\\nb\\n'.splitlines(keepends=True)", lambda: 'a\nb\n'.splitlines(keepends=True)),
    ("'\\n\\n'.splitlines()", lambda: '\n\n'.splitlines()),
    ("'\\n\\n'.splitlines(True)", lambda: '\n\n'.splitlines(True)),
    ("''.splitlines()", lambda: ''.splitlines()),
    ("''.splitlines(True)", lambda: ''.splitlines(True)),
    ("'\\r\\n'.splitlines()", lambda: '\r\n'.splitlines()),
    ("'\\r\\r\\n\\n'.splitlines(True)", lambda: '\r\r\n\n'.splitlines(True)),
    ("'no newline'.splitlines()", lambda: 'no newline'.splitlines()),
    ("'a\\x1fb'.splitlines()", lambda: 'a\x1fb'.splitlines()),
    ("'a\\x1fb'.splitlines(1)", lambda: 'a\x1fb'.splitlines(1)),
    ("'a\\nb'.splitlines(0)", lambda: 'a\nb'.splitlines(0)),
    ("'a\\nb'.splitlines(keepends=1)", lambda: 'a\nb'.splitlines(keepends=1)),
    ("'a\\nb'.splitlines(1.5)", lambda: 'a\nb'.splitlines(1.5)),
    ("'a\\nb'.splitlines('x')", lambda: 'a\nb'.splitlines('x')),
    ("'a\\nb'.splitlines(1, 2)", lambda: 'a\nb'.splitlines(1, 2)),
    ("'a\\nb'.splitlines(keep=1)", lambda: 'a\nb'.splitlines(keep=1)),
    ("'a\\nb'.splitlines(keepends=None)", lambda: 'a\nb'.splitlines(keepends=None)),
    ("'日本\\n語'.splitlines()", lambda: '日本\n語'.splitlines()),
    ("'x\\u2028'.splitlines(True)", lambda: 'x\u2028'.splitlines(True)),
)
for label, f in tests:
    show(label, f)
