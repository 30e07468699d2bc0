def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("'  \\t hello \\n '.strip()", lambda: '  \t hello \n '.strip()),
    ("'  \\t hello \\n '.lstrip()", lambda: '  \t hello \n '.lstrip()),
    ("'  \\t hello \\n '.rstrip()", lambda: '  \t hello \n '.rstrip()),
    ("'xxhixx'.strip('x')", lambda: 'xxhixx'.strip('x')),
    ("'xyhiyx'.strip('xy')", lambda: 'xyhiyx'.strip('xy')),
    ("'xyhiyx'.lstrip('yx')", lambda: 'xyhiyx'.lstrip('yx')),
    ("'xyhiyx'.rstrip('yx')", lambda: 'xyhiyx'.rstrip('yx')),
    ("'hello'.strip('')", lambda: 'hello'.strip('')),
    ("'hello'.strip(None)", lambda: 'hello'.strip(None)),
    ("'\\u3000hi\\u3000'.strip()", lambda: '\u3000hi\u3000'.strip()),
    ("'\\x85hi\\xa0'.strip()", lambda: '\x85hi\xa0'.strip()),
    ("'\\u200bhi'.strip()", lambda: '\u200bhi'.strip()),
    ("'ééaéé'.strip('é')", lambda: 'ééaéé'.strip('é')),
    ("'日本日'.strip('日')", lambda: '日本日'.strip('日')),
    ("'aaa'.strip('a')", lambda: 'aaa'.strip('a')),
    ("''.strip()", lambda: ''.strip()),
    ("'abc'.strip(1)", lambda: 'abc'.strip(1)),
    ("'abc'.lstrip(1)", lambda: 'abc'.lstrip(1)),
    ("'abc'.rstrip([])", lambda: 'abc'.rstrip([])),
    ("'abc'.strip('a', 'b')", lambda: 'abc'.strip('a', 'b')),
    ("'prefix_name'.removeprefix('prefix_')", lambda: 'prefix_name'.removeprefix('prefix_')),
    ("'prefix_name'.removeprefix('name')", lambda: 'prefix_name'.removeprefix('name')),
    ("'prefix_name'.removeprefix('')", lambda: 'prefix_name'.removeprefix('')),
    ("'prefix_name'.removesuffix('_name')", lambda: 'prefix_name'.removesuffix('_name')),
    ("'prefix_name'.removesuffix('')", lambda: 'prefix_name'.removesuffix('')),
    ("'aaa'.removeprefix('aaaa')", lambda: 'aaa'.removeprefix('aaaa')),
    ("'日本'.removeprefix('日')", lambda: '日本'.removeprefix('日')),
    ("'abc'.removeprefix(1)", lambda: 'abc'.removeprefix(1)),
    ("'abc'.removesuffix(None)", lambda: 'abc'.removesuffix(None)),
    ("'abc'.removeprefix()", lambda: 'abc'.removeprefix()),
)
for label, f in tests:
    show(label, f)
