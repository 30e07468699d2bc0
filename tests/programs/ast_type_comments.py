# ast.parse(..., type_comments=True) and compile(..., PyCF_TYPE_COMMENTS): type_comment
# fields, Module.type_ignores, the func_type mode, and the errors for misplaced comments.
import ast

SOURCES = [
    "x = 1  # type: int\n",
    "x = y = []  #type:List[int]  \n",
    "def f(a,  # type: int\n      b=2,  # type: str\n      *args,  # type: bytes\n      **kw  # type: float\n      ):\n    # type: (...) -> None\n    pass\n",
    "def g():  # type: () -> int\n    return 1\n",
    "async def h():  # type: () -> None\n    async for x in y:  # type: int\n        pass\n    async with a as b:  # type: str\n        pass\n",
    "for i in range(3):  # type: int\n    pass\nwith open(p) as f:  # type: IO\n    pass\n",
    "import os  # type: ignore\nimport sys  # type: ignore[attr-defined]\n# type: ignore\nx = 1  # type: ignored\n",
    "x = 1  # type:\n",
    "with (a, b):  # type: int\n    pass\n",
]

ERRORS = [
    "x = 1\n# type: int\ny = 2\n",
    "x += 1  # type: int\n",
    "f(a,  # type: int\n  b)\n",
    "class A:  # type: int\n    pass\n",
    "with (a as b):  # type: int\n    pass\n",
    "def f():  # type: () -> None\n    # type: () -> None\n    pass\n",
    "def f():\n    # type: () -> None\n    # type: () -> None\n    pass\n",
]

for src in SOURCES:
    tree = ast.parse(src, type_comments=True)
    print(ast.dump(tree))
    # without the flag, the comments are plain comments
    print(ast.dump(ast.parse(src)))
    code = compile(src, "<tc>", "exec", ast.PyCF_TYPE_COMMENTS)
    print(type(code).__name__)

for src in ERRORS:
    try:
        ast.parse(src, type_comments=True)
        print("parsed", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)

for src in ["(int, str) -> None", "(*int, **str) -> None", "() -> List[int]", "(a, *b) -> c", "(**k) -> c"]:
    print(ast.dump(ast.parse(src, mode="func_type"), include_attributes=True))
for src in ["(a,) -> d", "(**a, b) -> d", "(*a, *b) -> d", "a -> b"]:
    try:
        ast.parse(src, mode="func_type")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
