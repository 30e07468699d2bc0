//! Code objects against bytes taken from python3.11 (`compile(src, "<test>", "exec")`):
//! the ASTs are python3.11's `ast.parse`, in the JSON form of tools/ast_json.py.
//! Generated once from the oracle; do not regenerate from our own output.

use ferric_compiler::ast;
use ferric_compiler::code::{CodeObject, ConstValue};
use ferric_compiler::error::Mode;

fn compile(json: &str) -> CodeObject {
    let m = ast::read_mod(&ast::json::parse(json).unwrap()).unwrap();
    ferric_compiler::compile_ast(&m, "<test>", Mode::Exec, Default::default()).unwrap().0
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

fn code_at<'a>(co: &'a CodeObject, i: usize) -> &'a CodeObject {
    match &co.consts[i] {
        ConstValue::Code(c) => c,
        other => panic!("const {} is {:?}", i, other),
    }
}

#[test]
fn module_function_call() {
    // 'x = 1\ndef f(a, b=2):\n    return a + b\nprint(f(x))\n'
    let co = compile("{\"_type\": \"Module\", \"body\": [{\"_type\": \"Assign\", \"targets\": [{\"_type\": \"Name\", \"id\": \"x\", \"ctx\": {\"_type\": \"Store\"}, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 1, \"end_col_offset\": 1}], \"value\": {\"_type\": \"Constant\", \"value\": {\"_c\": \"int\", \"v\": \"1\"}, \"kind\": null, \"lineno\": 1, \"col_offset\": 4, \"end_lineno\": 1, \"end_col_offset\": 5}, \"type_comment\": null, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 1, \"end_col_offset\": 5}, {\"_type\": \"FunctionDef\", \"name\": \"f\", \"args\": {\"_type\": \"arguments\", \"posonlyargs\": [], \"args\": [{\"_type\": \"arg\", \"arg\": \"a\", \"annotation\": null, \"type_comment\": null, \"lineno\": 2, \"col_offset\": 6, \"end_lineno\": 2, \"end_col_offset\": 7}, {\"_type\": \"arg\", \"arg\": \"b\", \"annotation\": null, \"type_comment\": null, \"lineno\": 2, \"col_offset\": 9, \"end_lineno\": 2, \"end_col_offset\": 10}], \"vararg\": null, \"kwonlyargs\": [], \"kw_defaults\": [], \"kwarg\": null, \"defaults\": [{\"_type\": \"Constant\", \"value\": {\"_c\": \"int\", \"v\": \"2\"}, \"kind\": null, \"lineno\": 2, \"col_offset\": 11, \"end_lineno\": 2, \"end_col_offset\": 12}]}, \"body\": [{\"_type\": \"Return\", \"value\": {\"_type\": \"BinOp\", \"left\": {\"_type\": \"Name\", \"id\": \"a\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 3, \"col_offset\": 11, \"end_lineno\": 3, \"end_col_offset\": 12}, \"op\": {\"_type\": \"Add\"}, \"right\": {\"_type\": \"Name\", \"id\": \"b\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 3, \"col_offset\": 15, \"end_lineno\": 3, \"end_col_offset\": 16}, \"lineno\": 3, \"col_offset\": 11, \"end_lineno\": 3, \"end_col_offset\": 16}, \"lineno\": 3, \"col_offset\": 4, \"end_lineno\": 3, \"end_col_offset\": 16}], \"decorator_list\": [], \"returns\": null, \"type_comment\": null, \"lineno\": 2, \"col_offset\": 0, \"end_lineno\": 3, \"end_col_offset\": 16}, {\"_type\": \"Expr\", \"value\": {\"_type\": \"Call\", \"func\": {\"_type\": \"Name\", \"id\": \"print\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 4, \"col_offset\": 0, \"end_lineno\": 4, \"end_col_offset\": 5}, \"args\": [{\"_type\": \"Call\", \"func\": {\"_type\": \"Name\", \"id\": \"f\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 4, \"col_offset\": 6, \"end_lineno\": 4, \"end_col_offset\": 7}, \"args\": [{\"_type\": \"Name\", \"id\": \"x\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 4, \"col_offset\": 8, \"end_lineno\": 4, \"end_col_offset\": 9}], \"keywords\": [], \"lineno\": 4, \"col_offset\": 6, \"end_lineno\": 4, \"end_col_offset\": 10}], \"keywords\": [], \"lineno\": 4, \"col_offset\": 0, \"end_lineno\": 4, \"end_col_offset\": 11}, \"lineno\": 4, \"col_offset\": 0, \"end_lineno\": 4, \"end_col_offset\": 11}], \"type_ignores\": []}");
    let c = &co;
    assert_eq!(c.qualname, "<module>");
    assert_eq!(hex(&c.code), "970064005a006404640284015a0102006502020065016500a6010000ab010000000000000000a6010000ab010000000000000000010064035300");
    assert_eq!(hex(&c.linetable), "f003010101d804058001f002010111f000010111f000010111f000010111e00005800580618061880181648464810b840b800b800b800b");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (5, 0, 1));
    assert_eq!(c.varnames(), Vec::<String>::new());
    assert_eq!(c.cellvars(), Vec::<String>::new());
    assert_eq!(c.freevars(), Vec::<String>::new());
    assert_eq!(c.names, vec!["x".to_string(), "f".to_string(), "print".to_string()]);
    let c = code_at(&co, 2);
    assert_eq!(c.qualname, "f");
    assert_eq!(hex(&c.code), "97007c007c017a0000005300");
    assert_eq!(hex(&c.linetable), "8000d80b0c88718935804c");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (2, 3, 2));
    assert_eq!(c.varnames(), vec!["a".to_string(), "b".to_string()]);
    assert_eq!(c.cellvars(), Vec::<String>::new());
    assert_eq!(c.freevars(), Vec::<String>::new());
    assert_eq!(c.names, Vec::<String>::new());
}

#[test]
fn loop_try_with() {
    // 'for i in range(3):\n    try:\n        with open(i) as fp:\n            pass\n    except OSError as e:\n        continue\n'
    let co = compile("{\"_type\": \"Module\", \"body\": [{\"_type\": \"For\", \"target\": {\"_type\": \"Name\", \"id\": \"i\", \"ctx\": {\"_type\": \"Store\"}, \"lineno\": 1, \"col_offset\": 4, \"end_lineno\": 1, \"end_col_offset\": 5}, \"iter\": {\"_type\": \"Call\", \"func\": {\"_type\": \"Name\", \"id\": \"range\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 1, \"col_offset\": 9, \"end_lineno\": 1, \"end_col_offset\": 14}, \"args\": [{\"_type\": \"Constant\", \"value\": {\"_c\": \"int\", \"v\": \"3\"}, \"kind\": null, \"lineno\": 1, \"col_offset\": 15, \"end_lineno\": 1, \"end_col_offset\": 16}], \"keywords\": [], \"lineno\": 1, \"col_offset\": 9, \"end_lineno\": 1, \"end_col_offset\": 17}, \"body\": [{\"_type\": \"Try\", \"body\": [{\"_type\": \"With\", \"items\": [{\"_type\": \"withitem\", \"context_expr\": {\"_type\": \"Call\", \"func\": {\"_type\": \"Name\", \"id\": \"open\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 3, \"col_offset\": 13, \"end_lineno\": 3, \"end_col_offset\": 17}, \"args\": [{\"_type\": \"Name\", \"id\": \"i\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 3, \"col_offset\": 18, \"end_lineno\": 3, \"end_col_offset\": 19}], \"keywords\": [], \"lineno\": 3, \"col_offset\": 13, \"end_lineno\": 3, \"end_col_offset\": 20}, \"optional_vars\": {\"_type\": \"Name\", \"id\": \"fp\", \"ctx\": {\"_type\": \"Store\"}, \"lineno\": 3, \"col_offset\": 24, \"end_lineno\": 3, \"end_col_offset\": 26}}], \"body\": [{\"_type\": \"Pass\", \"lineno\": 4, \"col_offset\": 12, \"end_lineno\": 4, \"end_col_offset\": 16}], \"type_comment\": null, \"lineno\": 3, \"col_offset\": 8, \"end_lineno\": 4, \"end_col_offset\": 16}], \"handlers\": [{\"_type\": \"ExceptHandler\", \"type\": {\"_type\": \"Name\", \"id\": \"OSError\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 5, \"col_offset\": 11, \"end_lineno\": 5, \"end_col_offset\": 18}, \"name\": \"e\", \"body\": [{\"_type\": \"Continue\", \"lineno\": 6, \"col_offset\": 8, \"end_lineno\": 6, \"end_col_offset\": 16}], \"lineno\": 5, \"col_offset\": 4, \"end_lineno\": 6, \"end_col_offset\": 16}], \"orelse\": [], \"finalbody\": [], \"lineno\": 2, \"col_offset\": 4, \"end_lineno\": 6, \"end_col_offset\": 16}], \"orelse\": [], \"type_comment\": null, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 6, \"end_col_offset\": 16}], \"type_ignores\": []}");
    let c = &co;
    assert_eq!(c.qualname, "<module>");
    assert_eq!(hex(&c.code), "9700020065006400a6010000ab01000000000000000044005d395a010900020065026501a6010000ab01000000000000000035005a030900640164016401a6020000ab02000000000000000001006e0b230031007304770278035900770101005900010001008c28230065042400720a5a05590064015a055b058c3264015a055b057701770078035900770164015300");
    assert_eq!(hex(&c.linetable), "f003010101d8090e8815887189188c18f000050111f0000501118041f002040511d80d118854902189578c57f0000109119802d80c10f003010911f000010911f000010911f100010911f400010911f000010911f000010911f000010911f000010911f000010911f000010911f8f8f8f000010911f000010911f000010911f000010911f8f8e00b12f000010511f000010511f000010511d808108808880888088808f8f8f8f8f003010511f8f8f8f009050111f000050111");
    assert_eq!(hex(&c.exceptiontable), "8f0b34029a0128059c0c3402a8042c09ac033402af012c09b0033402b405410305be05410305");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (7, 0, 1));
    assert_eq!(c.varnames(), Vec::<String>::new());
    assert_eq!(c.cellvars(), Vec::<String>::new());
    assert_eq!(c.freevars(), Vec::<String>::new());
    assert_eq!(c.names, vec!["range".to_string(), "i".to_string(), "open".to_string(), "fp".to_string(), "OSError".to_string(), "e".to_string()]);
}

#[test]
fn closure_class() {
    // 'def outer():\n    y = 1\n    class C:\n        def m(self):\n            return y, __class__\n    return C\n'
    let co = compile("{\"_type\": \"Module\", \"body\": [{\"_type\": \"FunctionDef\", \"name\": \"outer\", \"args\": {\"_type\": \"arguments\", \"posonlyargs\": [], \"args\": [], \"vararg\": null, \"kwonlyargs\": [], \"kw_defaults\": [], \"kwarg\": null, \"defaults\": []}, \"body\": [{\"_type\": \"Assign\", \"targets\": [{\"_type\": \"Name\", \"id\": \"y\", \"ctx\": {\"_type\": \"Store\"}, \"lineno\": 2, \"col_offset\": 4, \"end_lineno\": 2, \"end_col_offset\": 5}], \"value\": {\"_type\": \"Constant\", \"value\": {\"_c\": \"int\", \"v\": \"1\"}, \"kind\": null, \"lineno\": 2, \"col_offset\": 8, \"end_lineno\": 2, \"end_col_offset\": 9}, \"type_comment\": null, \"lineno\": 2, \"col_offset\": 4, \"end_lineno\": 2, \"end_col_offset\": 9}, {\"_type\": \"ClassDef\", \"name\": \"C\", \"bases\": [], \"keywords\": [], \"body\": [{\"_type\": \"FunctionDef\", \"name\": \"m\", \"args\": {\"_type\": \"arguments\", \"posonlyargs\": [], \"args\": [{\"_type\": \"arg\", \"arg\": \"self\", \"annotation\": null, \"type_comment\": null, \"lineno\": 4, \"col_offset\": 14, \"end_lineno\": 4, \"end_col_offset\": 18}], \"vararg\": null, \"kwonlyargs\": [], \"kw_defaults\": [], \"kwarg\": null, \"defaults\": []}, \"body\": [{\"_type\": \"Return\", \"value\": {\"_type\": \"Tuple\", \"elts\": [{\"_type\": \"Name\", \"id\": \"y\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 5, \"col_offset\": 19, \"end_lineno\": 5, \"end_col_offset\": 20}, {\"_type\": \"Name\", \"id\": \"__class__\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 5, \"col_offset\": 22, \"end_lineno\": 5, \"end_col_offset\": 31}], \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 5, \"col_offset\": 19, \"end_lineno\": 5, \"end_col_offset\": 31}, \"lineno\": 5, \"col_offset\": 12, \"end_lineno\": 5, \"end_col_offset\": 31}], \"decorator_list\": [], \"returns\": null, \"type_comment\": null, \"lineno\": 4, \"col_offset\": 8, \"end_lineno\": 5, \"end_col_offset\": 31}], \"decorator_list\": [], \"lineno\": 3, \"col_offset\": 4, \"end_lineno\": 5, \"end_col_offset\": 31}, {\"_type\": \"Return\", \"value\": {\"_type\": \"Name\", \"id\": \"C\", \"ctx\": {\"_type\": \"Load\"}, \"lineno\": 6, \"col_offset\": 11, \"end_lineno\": 6, \"end_col_offset\": 12}, \"lineno\": 6, \"col_offset\": 4, \"end_lineno\": 6, \"end_col_offset\": 12}], \"decorator_list\": [], \"returns\": null, \"type_comment\": null, \"lineno\": 1, \"col_offset\": 0, \"end_lineno\": 6, \"end_col_offset\": 12}], \"type_ignores\": []}");
    let c = &co;
    assert_eq!(c.qualname, "<module>");
    assert_eq!(hex(&c.code), "9700640084005a0064015300");
    assert_eq!(hex(&c.linetable), "f003010101f00205010df00005010df00005010df00005010df00005010d");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (1, 0, 1));
    assert_eq!(c.varnames(), Vec::<String>::new());
    assert_eq!(c.cellvars(), Vec::<String>::new());
    assert_eq!(c.freevars(), Vec::<String>::new());
    assert_eq!(c.names, vec!["outer".to_string()]);
    let c = code_at(&co, 0);
    assert_eq!(c.qualname, "outer");
    assert_eq!(hex(&c.code), "8701970064018a010200470088016601640284086403a6020000ab0200000000000000007d007c005300");
    assert_eq!(hex(&c.linetable), "f88000d808098041f002020520f000020520f000020520f000020520f000020520f000020520f000020520f100020520f400020520f000020520f006000c0d8048");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (4, 3, 1));
    assert_eq!(c.varnames(), vec!["C".to_string()]);
    assert_eq!(c.cellvars(), vec!["y".to_string()]);
    assert_eq!(c.freevars(), Vec::<String>::new());
    assert_eq!(c.names, Vec::<String>::new());
    let c = code_at(code_at(&co, 0), 2);
    assert_eq!(c.qualname, "outer.<locals>.C");
    assert_eq!(hex(&c.code), "95018700970065005a0164005a02880088016602640184085a03880078015a045300");
    assert_eq!(hex(&c.linetable), "f8f880008000800080008000f002010920f000010920f000010920f000010920f000010920f000010920f000010920f000010920f000010920f000010920");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (2, 0, 3));
    assert_eq!(c.varnames(), Vec::<String>::new());
    assert_eq!(c.cellvars(), vec!["__class__".to_string()]);
    assert_eq!(c.freevars(), vec!["y".to_string()]);
    assert_eq!(c.names, vec!["__name__".to_string(), "__module__".to_string(), "__qualname__".to_string(), "m".to_string(), "__classcell__".to_string()]);
    let c = code_at(code_at(code_at(&co, 0), 2), 1);
    assert_eq!(c.qualname, "outer.<locals>.C.m");
    assert_eq!(hex(&c.code), "950297008902890166025300");
    assert_eq!(hex(&c.linetable), "f88000d813149069903cd00c1f");
    assert_eq!(hex(&c.exceptiontable), "");
    assert_eq!((c.stacksize, c.flags, c.firstlineno), (2, 19, 4));
    assert_eq!(c.varnames(), vec!["self".to_string()]);
    assert_eq!(c.cellvars(), Vec::<String>::new());
    assert_eq!(c.freevars(), vec!["__class__".to_string(), "y".to_string()]);
    assert_eq!(c.names, Vec::<String>::new());
}
