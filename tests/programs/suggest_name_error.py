# NameError suggestions: locals first, then globals, then builtins; the last one is uncaught.
import sys


def report(fn):
    try:
        fn()
    except BaseException as e:
        sys.excepthook(type(e), e, e.__traceback__)


def local_typo():
    counter_value = 1
    return counter_valeu


report(local_typo)
report(lambda: lenn)
report(lambda: prnt)
report(lambda: Report)
report(lambda: zzzzqqq)
total_amount = 3


def uses_global():
    return total_amont


print(NameError("m", name="x").name, NameError("m").name)
uses_global()
