# sys hooks: audit hooks, unraisablehook, asyncgen hooks, call_tracing, switch interval.
import sys


def attempt(f, *a, **k):
    try:
        print("ok", repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


# Audit: a no-op without hooks, then every hook sees (event, args).
attempt(sys.audit, "nobody.listens", 1)
attempt(sys.audit)
attempt(sys.audit, event="x")
attempt(sys.addaudithook)
events = []


def hook(event, args):
    if event.startswith(("my.", "sys.")):
        events.append((event, args))


attempt(sys.addaudithook, hook)
attempt(sys.audit, "my.event", 1, "a")
attempt(sys.audit, "my.empty")
attempt(sys.audit, 5)
attempt(sys.addaudithook, hook=lambda e, a: None)
print(events)
events.clear()


def veto(event, args):
    if event == "sys.addaudithook":
        raise RuntimeError("no more hooks")


sys.addaudithook(veto)
attempt(sys.addaudithook, print)
print([e for e, _ in events])


# Unraisable exceptions reach sys.unraisablehook.
class Boom:
    def __del__(self):
        raise ValueError("from __del__")


seen = []


def collect(args):
    seen.append(args)
    print(type(args).__name__, args.exc_type.__name__, args.exc_value, args.err_msg, type(args.exc_traceback).__name__)
    print(args.object is Boom.__del__, len(args), type(args).n_fields)


sys.unraisablehook = collect
b = Boom()
del b
sys.unraisablehook = sys.__unraisablehook__
print(len(seen), sys.unraisablehook is sys.__unraisablehook__)
attempt(sys.unraisablehook)
attempt(sys.unraisablehook, 1)
attempt(sys.unraisablehook, (1, 2, 3, 4, 5))
attempt(type(seen[0]), (1, 2, 3, 4, 5))


def failing_hook(args):
    raise KeyError("hook failed")


sys.unraisablehook = failing_hook
b = Boom()
del b
sys.unraisablehook = sys.__unraisablehook__

# call_tracing
attempt(sys.call_tracing, len, ([1, 2],))
attempt(sys.call_tracing, len)
attempt(sys.call_tracing, len, [1])
attempt(sys.call_tracing, max, (3, 9, 4))

# async generator hooks are stored and returned as a struct sequence
h = sys.get_asyncgen_hooks()
print(type(h).__name__, h, h.firstiter, h.finalizer, len(h))
attempt(sys.set_asyncgen_hooks, 1)
attempt(sys.set_asyncgen_hooks, finalizer=1)
attempt(sys.set_asyncgen_hooks, None, None, None)
attempt(sys.set_asyncgen_hooks, bogus=None)
attempt(sys.set_asyncgen_hooks, print, firstiter=None)
attempt(sys.set_asyncgen_hooks, print)
print(sys.get_asyncgen_hooks())
attempt(sys.set_asyncgen_hooks, finalizer=len)
print(sys.get_asyncgen_hooks())
attempt(sys.set_asyncgen_hooks, firstiter=None)
print(sys.get_asyncgen_hooks())
attempt(sys.set_asyncgen_hooks, None, None)
print(sys.get_asyncgen_hooks(), [e for e, _ in events][-4:])
attempt(type(h), (1, 2))

# coroutine origin tracking depth
print(sys.get_coroutine_origin_tracking_depth())
attempt(sys.set_coroutine_origin_tracking_depth, 3)
print(sys.get_coroutine_origin_tracking_depth())
attempt(sys.set_coroutine_origin_tracking_depth, depth=0)
attempt(sys.set_coroutine_origin_tracking_depth, -1)
attempt(sys.set_coroutine_origin_tracking_depth, "a")
attempt(sys.set_coroutine_origin_tracking_depth, 2**40)

# switch interval and dlopen flags
print(sys.getswitchinterval())
attempt(sys.setswitchinterval, 0)
attempt(sys.setswitchinterval, -1.5)
attempt(sys.setswitchinterval, "a")
attempt(sys.setswitchinterval, 1)
print(sys.getswitchinterval())
attempt(sys.setswitchinterval, 0.005)
print(sys.getswitchinterval())
print(sys.getdlopenflags())
attempt(sys.setdlopenflags, "a")
attempt(sys.setdlopenflags, 2**40)
attempt(sys.setdlopenflags, 258)
print(sys.getdlopenflags())
attempt(sys.getswitchinterval, 1)
attempt(sys.is_finalizing, 1)
print(sys.is_finalizing())

# events raised by the runtime itself
def watch(event, args):
    if event in ("builtins.id", "exec"):
        print("event", event, [type(a).__name__ for a in args])


sys.addaudithook(watch)
obj = object()
print(id(obj) == id(obj))
exec((lambda: None).__code__)
print(eval((lambda: 5).__code__))

# the default hook's report goes to stderr; this is the last line there
b = Boom()
del b
