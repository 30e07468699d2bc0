# compile() of hand-built ASTs: the validator and the converters give CPython's errors.
import _ast as ast
L = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
def name(n, ctx=None): return ast.Name(id=n, ctx=ctx or ast.Load(), **L)
def mod(*stmts): return ast.Module(body=list(stmts), type_ignores=[])
args0 = lambda: ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
cases = [
    mod(ast.Expr(value=None, **L)),
    mod(ast.Expr(**L)),
    mod(None),
    ast.Expression(body=name('x', ast.Store())),
    mod(ast.FunctionDef(name='f', args=args0(), body=[], decorator_list=[], **L)),
    mod(ast.Assign(targets=[], value=name('x'), **L)),
    mod(ast.Assign(targets=[ast.Constant(value=1, **L)], value=name('x'), **L)),
    mod(ast.Expr(value=ast.BoolOp(op=ast.And(), values=[name('a')], **L), **L)),
    mod(ast.Expr(value=name('None'), **L)),
    mod(ast.Raise(exc=None, cause=name('x'), **L)),
    mod(ast.Try(body=[ast.Pass(**L)], handlers=[], orelse=[], finalbody=[], **L)),
    mod(ast.ImportFrom(module='m', names=[ast.alias(name='x', **L)], level=-1, **L)),
    mod(ast.Expr(value=ast.Compare(left=name('a'), ops=[], comparators=[], **L), **L)),
    mod(ast.Expr(value=ast.Constant(value=[1], **L), **L)),
    mod(ast.Expr(value=name('a'), lineno=2, col_offset=0, end_lineno=1, end_col_offset=0)),
    mod(ast.AnnAssign(target=ast.Attribute(value=name('a'), attr='b', ctx=ast.Store(), **L), annotation=name('int'), simple=1, **L)),
    mod(ast.Expr(value=ast.ListComp(elt=name('a'), generators=[], **L), **L)),
    mod(ast.Global(names=[], **L)),
    mod(ast.Expr(value=name('x'), **L)),
]
for m in cases:
    try:
        co = compile(m, 'x', 'exec' if isinstance(m, ast.Module) else 'eval')
        print('compiled', type(co).__name__)
    except Exception as e:
        print(type(e).__name__, e)
