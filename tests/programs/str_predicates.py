samples = ('', 'abc', 'ABC', 'Abc', 'aBC', '123', '١٢٣', '½', '²', 'Ⅻ', '一二', 'abc123', ' \t\n', '\x1c\x1d\x1e\x1f', '\x85\xa0', '\u2028\u3000', 'ǅ', 'Ǆa', 'Hello World', 'Hello world', 'HELLO', 'hello', '_id', 'x1', '1x', 'ℕ', '℘', 'a·b', '·a', '\u00b7', 'é', 'e\u0301', 'ascii', 'café', '\x7f', '\t', '\u200b', '\U0001f600', 'ﬁ', 'ΣΑΣ', 'Σας', 'A1', 'a_', 'def', 'None', '𝟘𝟙', '৪', '\u0660', 'ᛮ', 'Ⓐ', 'ⓐ', 'ß', '\ufeff', '\ud800', 'a b', '\u2160\u2161', 'ǈ', 'Ǉǈ')
[(s, s.isalnum(), s.isalpha(), s.isascii(), s.isdecimal(), s.isdigit()) for s in samples]
[(s, s.isidentifier(), s.islower(), s.isnumeric(), s.isprintable(), s.isspace(), s.istitle(), s.isupper()) for s in samples]
for s in samples: print(repr(s), s.isalnum(), s.isalpha(), s.isascii(), s.isdecimal(), s.isdigit(), s.isidentifier(), s.islower(), s.isnumeric(), s.isprintable(), s.isspace(), s.istitle(), s.isupper())
print(sum(1 for c in range(0x110000) if chr(c).isspace()), sum(1 for c in range(0, 0x110000, 7) if chr(c).isalpha()))
print(sum(1 for c in range(0, 0x110000, 3) if chr(c).isdigit()), sum(1 for c in range(0, 0x110000, 3) if chr(c).isnumeric()), sum(1 for c in range(0x110000) if chr(c).isdecimal()))
print(sum(1 for c in range(0, 0x30000, 5) if chr(c).isprintable()), sum(1 for c in range(0, 0x30000, 5) if chr(c).islower()), sum(1 for c in range(0, 0x30000, 5) if chr(c).isupper()))
print(sum(1 for c in range(0, 0x30000, 5) if chr(c).isidentifier()), sum(1 for c in range(0, 0x30000, 5) if ('a' + chr(c)).isidentifier()))
print(sum(1 for c in range(0, 0x20000, 3) if chr(c).upper() != chr(c)), sum(len(chr(c).lower()) for c in range(0, 0x20000, 3)), sum(len(chr(c).casefold()) for c in range(0, 0x20000, 3)))
def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("'abc'.isalpha(1)", lambda: 'abc'.isalpha(1)),
    ('str.isdigit(5)', lambda: str.isdigit(5)),
    ("str.isdigit('5')", lambda: str.isdigit('5')),
)
for label, f in tests:
    show(label, f)
