def fail(x):
    raise ValueError("bad value %d" % x if False else "bad value")
print("before")
fail(3)
