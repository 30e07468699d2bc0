def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("'  a  b  c  '.split()", lambda: '  a  b  c  '.split()),
    ("'  a  b  c  '.split(None, 1)", lambda: '  a  b  c  '.split(None, 1)),
    ("'  a  b  c  '.split(maxsplit=1)", lambda: '  a  b  c  '.split(maxsplit=1)),
    ("'  a  b  c  '.split(maxsplit=0)", lambda: '  a  b  c  '.split(maxsplit=0)),
    ("'  a  b  c  '.split(maxsplit=-5)", lambda: '  a  b  c  '.split(maxsplit=-5)),
    ("'  a  b  c  '.rsplit()", lambda: '  a  b  c  '.rsplit()),
    ("'  a  b  c  '.rsplit(None, 1)", lambda: '  a  b  c  '.rsplit(None, 1)),
    ("'  a  b  c  '.rsplit(maxsplit=0)", lambda: '  a  b  c  '.rsplit(maxsplit=0)),
    ("''.split()", lambda: ''.split()),
    ("'   '.split()", lambda: '   '.split()),
    ("'   '.split(' ')", lambda: '   '.split(' ')),
    ("''.split(',')", lambda: ''.split(',')),
    ("''.rsplit(',')", lambda: ''.rsplit(',')),
    ("'a,b,,c,'.split(',')", lambda: 'a,b,,c,'.split(',')),
    ("'a,b,,c,'.split(',', 2)", lambda: 'a,b,,c,'.split(',', 2)),
    ("'a,b,,c,'.rsplit(',', 2)", lambda: 'a,b,,c,'.rsplit(',', 2)),
    ("'a,b,,c,'.rsplit(',', maxsplit=1)", lambda: 'a,b,,c,'.rsplit(',', maxsplit=1)),
    ("'a::b::c'.split('::')", lambda: 'a::b::c'.split('::')),
    ("'a::b::c'.rsplit('::', 1)", lambda: 'a::b::c'.rsplit('::', 1)),
    ("':::'.split('::')", lambda: ':::'.split('::')),
    ("':::'.rsplit('::')", lambda: ':::'.rsplit('::')),
    ("'aXbXc'.split(sep='X')", lambda: 'aXbXc'.split(sep='X')),
    ("'a\\tb\\nc\\x0bd\\x0ce\\rf\\x1cg\\x1dh\\x1ei\\x1fj\\x85k\\xa0l\\u2000m\\u3000n'.split()", lambda: 'a\tb\nc\x0bd\x0ce\rf\x1cg\x1dh\x1ei\x1fj\x85k\xa0l\u2000m\u3000n'.split()),
    ("'a\\u200bb'.split()", lambda: 'a\u200bb'.split()),
    ("'a\\ufeffb'.split()", lambda: 'a\ufeffb'.split()),
    ("'日 本\\u3000語'.split()", lambda: '日 本\u3000語'.split()),
    ("'日本語日本'.split('本')", lambda: '日本語日本'.split('本')),
    ("'a b c'.split(' ', 1)", lambda: 'a b c'.split(' ', 1)),
    ("'abc'.split('')", lambda: 'abc'.split('')),
    ("'abc'.rsplit('')", lambda: 'abc'.rsplit('')),
    ("'abc'.split(1)", lambda: 'abc'.split(1)),
    ("'abc'.split(',', 'x')", lambda: 'abc'.split(',', 'x')),
    ("'abc'.split(',', 1, 2)", lambda: 'abc'.split(',', 1, 2)),
    ("'abc'.split(sep=',', x=1)", lambda: 'abc'.split(sep=',', x=1)),
    ("'abc'.split(',', sep=',')", lambda: 'abc'.split(',', sep=',')),
    ("'abc'.split(',', 1.5)", lambda: 'abc'.split(',', 1.5)),
    ("'a b'.split(None, True)", lambda: 'a b'.split(None, True)),
    ("'one two three four'.rsplit(' ', 2)", lambda: 'one two three four'.rsplit(' ', 2)),
    ("'one  two'.split(' ')", lambda: 'one  two'.split(' ')),
    ("'one  two'.rsplit(' ')", lambda: 'one  two'.rsplit(' ')),
    ("'x'.split('x')", lambda: 'x'.split('x')),
    ("'xx'.split('x')", lambda: 'xx'.split('x')),
    ("'  x  '.rsplit(None, 1)", lambda: '  x  '.rsplit(None, 1)),
    ("'a\\r\\nb'.split()", lambda: 'a\r\nb'.split()),
)
for label, f in tests:
    show(label, f)
