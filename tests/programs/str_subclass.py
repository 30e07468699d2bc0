class S(str):
    def shout(self):
        return self.upper() + '!'
s = S('hello')
print(s, repr(s), type(s).__name__, len(s), s.shout(), s == 'hello', hash(s) == hash('hello'))
print(s + 'x', type(s + 'x').__name__, s[1:3], type(s[1:3]).__name__, s * 2, type(s.upper()).__name__)
print(isinstance(s, str), str(s), type(str(s)).__name__, s.split('l'), 'ell' in s, {s: 1}['hello'])
u = S('日本\U0001f600')
print(u, len(u), u[2], u.encode(), '%s|%5s' % (u, S('a')), f'{u:>6}', '{}'.format(u))
class T(str):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
    def __init__(self, v):
        self.orig = v
t = T('ab')
print(t, t.orig, type(t).__name__)
print(S(b'caf\xc3\xa9', 'utf-8'), S(), repr(S()), S(5), S("x").__sizeof__(), S("日本").__sizeof__(), S("").__sizeof__())
class W(str):
    __slots__ = ()
w = W('slot')
print(w, w.title(), sorted([S('b'), S('a'), 'c']))
for i in range(1000):
    x = S('garbage' * i)
print('ok')
