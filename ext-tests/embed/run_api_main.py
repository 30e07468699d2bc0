# Run by ext-tests/embed/run_api.c through PyEval_EvalCode in __main__.
import sys

sys.stderr = sys.stdout  # so PyErr_Print's report is compared too
print("running in", __name__, "from_c =", from_c, flush=True)
print("tag:", sys.ferric_embed_tag, flush=True)


def square(x):
    return x * x


def fail():
    raise ValueError("raised for PyErr_Print")


def leave():
    raise SystemExit(3)


def caller(a, b=2):
    c = a + b
    probe()
    return c


def gen():
    probe()
    yield 1


result = [square(i) for i in range(5)]
caller(1)
list(gen())
probe()
