# Text processing with str methods only: parsing, wrapping, tables.
text = """The quick brown fox jumps over the lazy dog.
  Pack my box with five dozen liquor jugs!\tHow vexingly quick daft zebras jump;
Sphinx of black quartz, judge my vow.\r\nΣίσυφος ΚΑΙ Ὀδυσσεύς — naïve café, straße.
"""
lines = text.splitlines()
print(len(lines), [len(l) for l in lines])
words = text.split()
print(len(words), words[:5], words[-3:])
clean = [w.strip('.,;!—').lower() for w in words if w.strip('.,;!—')]
print(clean)
print(sorted(set(clean))[:10])
print(max(clean, key=len), min(clean, key=len))
print([w for w in clean if w.isalpha() and not w.isascii()])
print(' '.join(w.capitalize() for w in clean[:6]))
print(text.title().splitlines()[3])
print(text.upper().splitlines()[3], text.casefold().splitlines()[3])
print(text.swapcase().splitlines()[0])
print(repr(text.expandtabs(4).splitlines()[1]))
def wrap(s, width):
    out = ''
    line = ''
    for w in s.split():
        if line and len(line) + 1 + len(w) > width:
            out = out + line + '\n'
            line = w
        else:
            line = (line + ' ' + w) if line else w
    if line:
        out = out + line + '\n'
    return out.splitlines()
for l in wrap(text, 30):
    print('|' + l.ljust(30) + '|', '|' + l.center(30, '.') + '|', '|' + l.rjust(30) + '|')
csv = "name,age,city\nAnn,30,Paris\nBob,,Berlin\n\"Eve\",41,São Paulo\n"
rows = [r.split(',') for r in csv.strip().split('\n')]
for r in rows:
    print(' | '.join(c.strip('"').ljust(10) for c in r))
print(['%-6s %3s %s' % (r[0], r[1], r[2]) for r in rows])
print(['{0:<6}{1:>4} {2:^12}|'.format(*r) for r in rows])
kv = "a=1; b = 2 ;c=  3;;d"
pairs = [p.partition('=') for p in kv.split(';') if p.strip()]
print([(k.strip(), v.strip()) for k, _, v in pairs])
path = "/usr/local/lib/python3.11/site-packages/pkg/__init__.py"
print(path.rpartition('/'), path.rsplit('/', 2), path.count('/'), path.endswith(('.py', '.pyc')))
print(path.removeprefix('/usr/local').removesuffix('.py'), path.find('python'), path.rfind('/', 0, 20))
table = str.maketrans('aeiou', 'AEIOU', ' ')
print(text.splitlines()[0].translate(table))
print('-'.join(format(i, 'x').zfill(4) for i in (1, 255, 4096, 65535)))
print('%08.3f|%-+8d|%#x|%5.1e' % (3.14159, 42, 255, 12345.678))
print("{:*^20}".format(" done "))
print(f"{'end':-^{20}}", "Ok".join(["[", "]"]), "x".join("abc").upper())
