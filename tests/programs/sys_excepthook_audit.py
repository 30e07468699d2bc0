# An audit hook that fails on "sys.excepthook": its error is reported as unraisable, then
# the uncaught exception itself; sys.last_* are set for the hook.
import sys


def hook(event, args):
    if event == "sys.excepthook":
        print("excepthook event", [type(a).__name__ for a in args])
        print(sys.last_type.__name__, sys.last_value)
        raise KeyError("audit hook failed")


sys.addaudithook(hook)
raise ValueError("the end")
