import sys

log = []
def t(frame, event, arg):
    a = arg
    if event == "exception":
        a = (arg[0].__name__, str(arg[1]))
    elif event == "return" and not isinstance(arg, (int, str, type(None), tuple, list)):
        a = type(arg).__name__
    log.append((event, frame.f_code.co_name, frame.f_lineno, a))
    return t

def g():
    x = yield 1
    try:
        yield x
    except KeyError:
        yield "caught"
    finally:
        log.append("finally")

def with_stmt():
    class CM:
        def __enter__(self): return 1
        def __exit__(self, *a): return True
    with CM() as v:
        raise TypeError("inside")
    return v

def comp():
    return [i * 2 for i in range(3) if i]

def wloop():
    i = 0
    while i < 3:
        i += 1
    return i

def deep(n):
    if n == 0:
        raise IndexError("deep")
    return deep(n - 1)

def outer():
    try:
        deep(2)
    except IndexError:
        pass
    finally:
        r = 5
    return r

def ret_in_finally():
    try:
        return 1
    finally:
        log.append("cleanup")

class K:
    a = 1
    def m(self):
        return self.a

sys.settrace(t)
it = g()
next(it)
it.send(10)
it.throw(KeyError("k"))
it.close()
with_stmt()
comp()
wloop()
outer()
ret_in_finally()
K().m()
lam = lambda q: q + 1
lam(1)
sys.settrace(None)
for e in log:
    print(e)

# pdb-style: install on the caller frame and globally
log.clear()
def install():
    f = sys._getframe(1)
    f.f_trace = t
    sys.settrace(t)
def user():
    install()
    a = 1
    b = a + 1
    sys.settrace(None)
    return b
user()
for e in log:
    print(e)

# f_trace_lines off
log.clear()
def noline(frame, event, arg):
    frame.f_trace_lines = False
    log.append((event, frame.f_code.co_name))
    return noline
sys.settrace(noline)
wloop()
sys.settrace(None)
print(log)

# async
log.clear()
async def co():
    return 7
sys.settrace(t)
c = co()
try:
    c.send(None)
except StopIteration as e:
    print("stop", e.value)
sys.settrace(None)
for e in log:
    print(e)

# setprofile with generator and exception
prof = []
def p(frame, event, arg):
    prof.append((event, frame.f_code.co_name))
sys.setprofile(p)
list(g())
try:
    deep(1)
except IndexError:
    pass
sorted([3, 1], key=abs)
sys.setprofile(None)
print(prof)
print(sys.getprofile())
