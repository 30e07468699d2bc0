import sys

events = []

def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if event == "return":
        events.append((event, name, frame.f_lineno, arg))
    elif event == "exception":
        events.append((event, name, frame.f_lineno, arg[0].__name__, str(arg[1])))
    else:
        events.append((event, name, frame.f_lineno))
    return tracer

def add(a, b):
    c = a + b
    return c

def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total

def raiser():
    raise ValueError("boom")

def catcher():
    try:
        raiser()
    except ValueError as e:
        return str(e)

def gen():
    yield 1
    yield 2

sys.settrace(tracer)
add(1, 2)
loop(3)
catcher()
list(gen())
sys.settrace(None)
for e in events:
    print(e)
print(sys.gettrace())

# local tracer only on some frames
calls = []
def selective(frame, event, arg):
    calls.append((event, frame.f_code.co_name))
    if frame.f_code.co_name == "loop":
        return lambda f, e, a: calls.append(("local", e, f.f_lineno))
    return None
sys.settrace(selective)
add(3, 4)
loop(2)
sys.settrace(None)
for c in calls:
    print(c)

# profile
prof = []
def profiler(frame, event, arg):
    prof.append((event, frame.f_code.co_name, getattr(arg, "__name__", None) if event.startswith("c_") else None))
sys.setprofile(profiler)
add(1, 2)
len([1, 2])
"a,b".split(",")
try:
    int("x")
except ValueError:
    pass
sys.setprofile(None)
for p in prof:
    print(p)

# tracer raising removes itself
def bad(frame, event, arg):
    if event == "line":
        raise RuntimeError("tracer failed")
    return bad
sys.settrace(bad)
try:
    add(1, 1)
except RuntimeError as e:
    print("caught", e)
print(sys.gettrace())

# f_locals changes written back
def changer(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "victim" and frame.f_lineno == frame.f_code.co_firstlineno + 2:
        frame.f_locals["x"] = 99
    return changer
def victim():
    x = 1
    return x
sys.settrace(changer)
print("victim", victim())
sys.settrace(None)

# opcode events count
ops = []
def op_tracer(frame, event, arg):
    frame.f_trace_opcodes = True
    if event == "opcode":
        ops.append(frame.f_lasti)
    return op_tracer
sys.settrace(op_tracer)
add(1, 2)
sys.settrace(None)
print("opcodes", ops)
