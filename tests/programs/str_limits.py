def show(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)
tests = (
    ("'a'.ljust(-2**63)", lambda: 'a'.ljust(-2**63)),
    ("'a'.rjust(-2**63)", lambda: 'a'.rjust(-2**63)),
    ("'a'.center(-2**63)", lambda: 'a'.center(-2**63)),
    ("'a'.zfill(-2**63)", lambda: 'a'.zfill(-2**63)),
    ("len('a'.ljust(2**62))", lambda: len('a'.ljust(2**62))),
    ("len('a'.zfill(2**62))", lambda: len('a'.zfill(2**62))),
    ("len('a\\tb'.expandtabs(2**62))", lambda: len('a\tb'.expandtabs(2**62))),
    ("len(format('a', '9999999999999999999'))", lambda: len(format('a', '9999999999999999999'))),
    ("len('%9999999999999999s' % 'a')", lambda: len('%9999999999999999s' % 'a')),
    ("len('%.9999999999999999d' % 1)", lambda: len('%.9999999999999999d' % 1)),
    ("'a'.ljust(2**63)", lambda: 'a'.ljust(2**63)),
    ("'abc'.center(10**20)", lambda: 'abc'.center(10**20)),
    ("'a'.expandtabs(2**63)", lambda: 'a'.expandtabs(2**63)),
    ("'abc'.find('a', -2**70, 2**70)", lambda: 'abc'.find('a', -2**70, 2**70)),
    ("'abc'.count('', -2**70, 2**70)", lambda: 'abc'.count('', -2**70, 2**70)),
    ("'abc'.startswith('a', -2**70, 2**70)", lambda: 'abc'.startswith('a', -2**70, 2**70)),
    ("'abc'.replace('a', 'b', 2**70)", lambda: 'abc'.replace('a', 'b', 2**70)),
    ("'abc'.replace('a', 'b', -2**70)", lambda: 'abc'.replace('a', 'b', -2**70)),
    ("'abc'.split('b', 2**70)", lambda: 'abc'.split('b', 2**70)),
    ("'abc'.split('b', -2**70)", lambda: 'abc'.split('b', -2**70)),
    ("'abc'[2**70:]", lambda: 'abc'[2**70:]),
    ("'abc'[-2**70:2**70:2**70]", lambda: 'abc'[-2**70:2**70:2**70]),
)
for label, f in tests:
    show(label, f)
