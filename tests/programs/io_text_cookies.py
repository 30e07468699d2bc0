# TextIOWrapper tell()/seek() cookies and readline across chunk boundaries, every newline mode.
import _io
data = "ab\r\ncd\ré\nfg☃\r\r\nxyz\n\nq\r".encode("utf-8") * 3
for nl in (None, "", "\n", "\r", "\r\n"):
    for cs in (1, 2, 3, 5, 8192):
        t = _io.TextIOWrapper(_io.BytesIO(data), encoding="utf-8", newline=nl)
        t._CHUNK_SIZE = cs
        marks = []
        while True:
            p = t.tell(); l = t.readline()
            if not l: break
            marks.append((p, l))
        ok = True
        for p, l in marks:
            t.seek(p)
            if t.readline() != l: ok = False
        t.seek(0); s = []
        while True:
            c = t.read(3)
            if not c: break
            s.append((t.tell(), c))
        for p, c in s[:-1]:
            t.seek(p); 
        print(repr(nl), cs, ok, marks[:4], s[:5], t.newlines)
