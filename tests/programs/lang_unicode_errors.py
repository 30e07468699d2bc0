for f in [lambda: str(b"\xffab", "utf-8"), lambda: "é".encode("ascii"), lambda: str(b"\x80", "ascii")]:
    try:
        f()
    except UnicodeError as e:
        print(type(e).__name__, e, e.start, e.end, e.reason, e.encoding)
