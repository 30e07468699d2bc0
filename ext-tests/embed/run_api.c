/* Embedding through pythonrun/ceval/import/marshal/sysmodule: initialize, run a code
 * object (from a .pyc that python3.11 compiled) in __main__, call into it, print errors,
 * finalize. Linked once against CPython and once against Ferric; stdout must agree.
 * argv[1]: the .pyc; argv[2] (optional) "exit": end by a SystemExit through PyErr_Print. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <marshal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void at_exit_one(void) { printf("atexit one\n"); fflush(stdout); }
static void at_exit_two(void) { printf("atexit two\n"); fflush(stdout); }

static void show(const char *what, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        printf("%s: NULL (%s)\n", what, t ? ((PyTypeObject *)t)->tp_name : "no exception");
        Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", what, r ? PyUnicode_AsUTF8(r) : "<repr failed>");
    Py_XDECREF(r);
    PyErr_Clear();
}

static char *read_file(const char *path, long *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(*len);
    if (fread(buf, 1, *len, f) != (size_t)*len) { fclose(f); free(buf); return NULL; }
    fclose(f);
    return buf;
}


/* Called from Python: what the frame API sees of the caller. */
static PyObject *probe(PyObject *self, PyObject *args) {
    PyFrameObject *f = PyEval_GetFrame();
    printf("probe: frame %s\n", f ? "present" : "NULL");
    if (!f) Py_RETURN_NONE;
    PyCodeObject *co = PyFrame_GetCode(f);
    show("  code name", Py_NewRef(co->co_name));
    printf("  line %d, lasti %d\n", PyFrame_GetLineNumber(f), PyFrame_GetLasti(f));
    PyObject *locals = PyFrame_GetLocals(f);
    PyObject *keys = PyDict_Keys(locals);
    PyList_Sort(keys);
    show("  locals", keys);
    Py_DECREF(locals);
    PyObject *g = PyFrame_GetGlobals(f);
    printf("  globals are __main__'s: %d\n", g == PyModule_GetDict(PyImport_AddModule("__main__")));
    Py_DECREF(g);
    PyObject *b = PyFrame_GetBuiltins(f);
    printf("  builtins have len: %d\n", PyDict_GetItemString(b, "len") != NULL);
    Py_DECREF(b);
    PyFrameObject *back = PyFrame_GetBack(f);
    if (back) {
        PyCodeObject *bc = PyFrame_GetCode(back);
        show("  caller", Py_NewRef(bc->co_name));
        Py_DECREF(bc);
        Py_DECREF(back);
    }
    PyObject *gen = PyFrame_GetGenerator(f);
    printf("  generator: %s\n", gen ? Py_TYPE(gen)->tp_name : "NULL");
    Py_XDECREF(gen);
    printf("  globals via PyEval_GetGlobals: %d\n", PyEval_GetGlobals() == PyModule_GetDict(PyImport_AddModule("__main__")));
    Py_DECREF(co);
    Py_RETURN_NONE;
}

static PyMethodDef probe_def = {"probe", probe, METH_NOARGS, NULL};

/* Code objects, functions, and the ceval helpers. */
static void code_and_functions(PyObject *d) {
    PyObject *square = PyDict_GetItemString(d, "square");
    PyObject *code = PyFunction_GetCode(square);
    printf("GetCode is __code__: %d\n", code == PyObject_GetAttrString(square, "__code__"));
    show("GetVarnames", PyCode_GetVarnames((PyCodeObject *)code));
    show("GetCellvars", PyCode_GetCellvars((PyCodeObject *)code));
    show("GetFreevars", PyCode_GetFreevars((PyCodeObject *)code));
    PyObject *bc = PyCode_GetCode((PyCodeObject *)code);
    printf("co_code is bytes of even length: %d\n", PyBytes_Check(bc) && PyBytes_GET_SIZE(bc) % 2 == 0);
    Py_XDECREF(bc);
    PyObject *f = PyFunction_New(code, d);
    show("new function", PyObject_GetAttrString(f, "__qualname__"));
    printf("GetGlobals: %d, GetModule: %s\n", PyFunction_GetGlobals(f) == d, PyUnicode_AsUTF8(PyFunction_GetModule(f)));
    PyObject *defs = Py_BuildValue("(i)", 9);
    printf("SetDefaults: %d\n", PyFunction_SetDefaults(f, defs));
    show("GetDefaults", Py_NewRef(PyFunction_GetDefaults(f)));
    show("f()", PyObject_CallNoArgs(f));
    printf("SetDefaults(list): %d\n", PyFunction_SetDefaults(f, PyList_New(0)));
    show("after bad SetDefaults", NULL);
    printf("SetKwDefaults(None): %d\n", PyFunction_SetKwDefaults(f, Py_None));
    printf("SetAnnotations(dict): %d\n", PyFunction_SetAnnotations(f, PyDict_New()));
    show("annotations", PyObject_GetAttrString(f, "__annotations__"));
    show("GetCode(non-function)", PyFunction_GetCode(d));
    Py_DECREF(defs);
    Py_DECREF(f);
    PyObject *seven = PyLong_FromLong(7);
    PyObject *argv[1] = {seven};
    show("EvalCodeEx(square, 7)", PyEval_EvalCodeEx(code, d, NULL, argv, 1, NULL, 0, NULL, 0, NULL, NULL));
    PyObject *xname = PyUnicode_FromString("x");
    PyObject *kws[2] = {xname, seven};
    show("EvalCodeEx(square, x=7)", PyEval_EvalCodeEx(code, d, NULL, NULL, 0, kws, 1, NULL, 0, NULL, NULL));
    show("EvalCodeEx(square)", PyEval_EvalCodeEx(code, d, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL));
    Py_DECREF(xname);
    Py_DECREF(seven);
    PyCodeObject *empty = PyCode_NewEmpty("file.py", "generated", 7);
    show("NewEmpty name", Py_NewRef(empty->co_name));
    printf("NewEmpty firstlineno %d, flags %d, stacksize %d\n", empty->co_firstlineno, empty->co_flags, empty->co_stacksize);
    PyObject *ef = PyFunction_New((PyObject *)empty, d);
    show("calling NewEmpty's function", PyObject_CallNoArgs(ef));
    Py_DECREF(ef);
    Py_DECREF(empty);
    printf("GetFuncName: %s%s %s%s %s%s\n", PyEval_GetFuncName(square), PyEval_GetFuncDesc(square),
           PyEval_GetFuncName((PyObject *)&PyLong_Type), PyEval_GetFuncDesc((PyObject *)&PyLong_Type),
           PyEval_GetFuncName(PyDict_GetItemString(PyEval_GetBuiltins(), "len")), PyEval_GetFuncDesc(PyDict_GetItemString(PyEval_GetBuiltins(), "len")));
    Py_ssize_t i = 5;
    PyObject *big = PyLong_FromString("-99999999999999999999999", NULL, 10);
    int ok = _PyEval_SliceIndex(Py_None, &i);
    printf("SliceIndex(None): %d %zd\n", ok, i);
    ok = _PyEval_SliceIndex(big, &i);
    printf("SliceIndex(big): %d %d\n", ok, i == PY_SSIZE_T_MIN);
    printf("SliceIndex(str): %d\n", _PyEval_SliceIndex(PyUnicode_FromString("s"), &i));
    show("after SliceIndex(str)", NULL);
    Py_DECREF(big);
    PyObject *it = PySeqIter_New(PyUnicode_FromString("ab"));
    show("SeqIter next", PyIter_Next(it));
    Py_DECREF(it);
    int first_enter = Py_ReprEnter(d);
    int second_enter = Py_ReprEnter(d);
    printf("ReprEnter: %d %d\n", first_enter, second_enter);
    Py_ReprLeave(d);
    printf("ReprEnter after leave: %d\n", Py_ReprEnter(d));
    Py_ReprLeave(d);
    printf("EnterRecursiveCall: %d\n", Py_EnterRecursiveCall(" in test"));
    Py_LeaveRecursiveCall();
    PyObject *pair = Py_BuildValue("(ii)", 1, 2);
    printf("SetStopIterationValue: %d\n", _PyGen_SetStopIterationValue(pair));
    PyObject *value = NULL;
    printf("FetchStopIterationValue: %d\n", _PyGen_FetchStopIterationValue(&value));
    show("value", value);
    Py_DECREF(pair);
    value = NULL;
    printf("Fetch without exception: %d\n", _PyGen_FetchStopIterationValue(&value));
    show("value", value);
}


/* Source text: PyRun_*String, Py_CompileString*, PyRun_*File, and their errors. */
static void run_source(PyObject *d) {
    printf("SimpleString: %d\n", PyRun_SimpleString("ran = 'from source'; print('SimpleString ran', 6 * 7)"));
    show("ran", PyDict_GetItemString(d, "ran") ? Py_NewRef(PyDict_GetItemString(d, "ran")) : NULL);
    fflush(stdout);
    printf("SimpleString with an error: %d\n", PyRun_SimpleString("1/0"));
    fflush(stdout);
    PyObject *g = PyDict_New();
    show("String eval", PyRun_String("[x * 2 for x in range(4)]", Py_eval_input, g, NULL));
    printf("__builtins__ added: %d\n", PyDict_GetItemString(g, "__builtins__") != NULL);
    show("String file", PyRun_String("def h(a):\n    return a + 1\nz = h(41)\n", Py_file_input, g, g));
    show("z", Py_NewRef(PyDict_GetItemString(g, "z")));
    show("String single", PyRun_String("z", Py_single_input, g, g));
    fflush(stdout);
    show("String syntax error", PyRun_String("x = (1,", Py_file_input, g, g));
    PyObject *co = Py_CompileString("q = 5\nq * q", "compiled.py", Py_file_input);
    printf("CompileString: %d\n", co != NULL && PyCode_Check(co));
    if (co) {
        show("co_filename", Py_NewRef(((PyCodeObject *)co)->co_filename));
        show("eval of it", PyEval_EvalCode(co, g, g));
        show("q", Py_NewRef(PyDict_GetItemString(g, "q")));
        Py_DECREF(co);
    }
    co = Py_CompileString("1 +* 2", "bad.py", Py_eval_input);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    printf("CompileString error: %s\n", t ? ((PyTypeObject *)t)->tp_name : "none");
    if (v) {
        show("  msg", PyObject_GetAttrString(v, "msg"));
        show("  filename", PyObject_GetAttrString(v, "filename"));
        show("  lineno", PyObject_GetAttrString(v, "lineno"));
        show("  offset", PyObject_GetAttrString(v, "offset"));
        show("  text", PyObject_GetAttrString(v, "text"));
    }
    Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
    PyCompilerFlags cf = {PyCF_ONLY_AST, 0};
    PyObject *tree = Py_CompileStringExFlags("a + 1", "<ast>", Py_eval_input, &cf, -1);
    printf("CompileString ONLY_AST: %s\n", tree ? Py_TYPE(tree)->tp_name : "NULL");
    Py_XDECREF(tree);
    PyErr_Clear();
    FILE *fp = tmpfile();
    fputs("print('from a FILE', __file__)\nfile_result = 3\n", fp);
    rewind(fp);
    printf("SimpleFileEx: %d\n", PyRun_SimpleFileExFlags(fp, "stream.py", 1, NULL));
    printf("__file__ left behind: %d\n", PyDict_GetItemString(d, "__file__") != NULL && strcmp(PyUnicode_AsUTF8(PyDict_GetItemString(d, "__file__")), "stream.py") == 0);
    show("file_result", Py_NewRef(PyDict_GetItemString(d, "file_result")));
    fp = tmpfile();
    fputs("w = 'file input'\n", fp);
    rewind(fp);
    show("File", PyRun_File(fp, "stream2.py", Py_file_input, g, g));
    fclose(fp);
    show("w", Py_NewRef(PyDict_GetItemString(g, "w")));
    Py_DECREF(g);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    /* Python writes to the same fd through sys.stdout: keep C's output in order with it. */
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("initialized before: %d\n", Py_IsInitialized());
    int first = Py_AtExit(at_exit_one);
    int second = Py_AtExit(at_exit_two);
    printf("atexit: %d %d\n", first, second);
    Py_InitializeEx(0);
    printf("initialized: %d\n", Py_IsInitialized());
    printf("globals without a frame: %s\n", PyEval_GetGlobals() == NULL ? "NULL" : "set");
    printf("builtins is a dict: %d\n", PyDict_Check(PyEval_GetBuiltins()));
    printf("len in builtins: %d\n", PyDict_GetItemString(PyEval_GetBuiltins(), "len") != NULL);
    printf("frame without a frame: %s\n", PyEval_GetFrame() == NULL ? "NULL" : "set");

    long len = 0;
    char *data = read_file(argv[1], &len);
    if (!data || len < 16) { printf("cannot read %s\n", argv[1]); return 2; }
    PyObject *code = PyMarshal_ReadObjectFromString(data + 16, len - 16);
    printf("code object: %d\n", code != NULL && PyCode_Check(code));
    show("truncated marshal", PyMarshal_ReadObjectFromString(data + 16, 5));
    show("empty marshal", PyMarshal_ReadObjectFromString(data, 0));

    PyObject *main_mod = PyImport_AddModule("__main__");
    printf("__main__ is a module: %d\n", main_mod != NULL && PyModule_Check(main_mod));
    printf("AddModule again is the same: %d\n", PyImport_AddModule("__main__") == main_mod);
    PyObject *d = PyModule_GetDict(main_mod);
    PyObject *v = PyLong_FromLong(42);
    PyDict_SetItemString(d, "from_c", v);
    Py_DECREF(v);
    PyObject *tag = PyUnicode_FromString("set from C");
    printf("PySys_SetObject: %d\n", PySys_SetObject("ferric_embed_tag", tag));
    Py_DECREF(tag);
    printf("PySys_GetObject(maxsize) is an int: %d\n", PyLong_Check(PySys_GetObject("maxsize")));
    printf("PySys_GetObject(missing): %s\n", PySys_GetObject("no_such_attribute") == NULL ? "NULL" : "set");
    printf("error set after missing: %d\n", PyErr_Occurred() != NULL);

    PyObject *probe_fn = PyCFunction_New(&probe_def, NULL);
    PyDict_SetItemString(d, "probe", probe_fn);
    Py_DECREF(probe_fn);
    PyObject *r = PyEval_EvalCode(code, d, d);
    show("EvalCode result", r);
    Py_XDECREF(r);
    fflush(stdout);
    show("result", PyDict_GetItemString(d, "result"));

    PyObject *fn = PyDict_GetItemString(d, "square");
    PyObject *args = Py_BuildValue("(i)", 12);
    show("square(12)", PyObject_CallObject(fn, args));
    Py_DECREF(args);

    PyObject *fail = PyDict_GetItemString(d, "fail");
    PyObject *res = PyObject_CallObject(fail, NULL);
    printf("fail() returned NULL: %d\n", res == NULL);
    fflush(stdout);
    PyErr_Print();
    fflush(stdout);
    show("sys.last_type", PySys_GetObject("last_type"));
    show("sys.last_value", PySys_GetObject("last_value"));

    code_and_functions(d);
    run_source(d);

    PyObject *sys = PyImport_ImportModule("sys");
    printf("import sys gives sys: %d\n", sys != NULL && sys == PyDict_GetItemString(PyImport_GetModuleDict(), "sys"));
    Py_XDECREF(sys);
    show("import of a missing module", PyImport_ImportModule("no_such_module_for_ferric"));
    PyObject *name = PyUnicode_FromString("builtins");
    PyObject *b = PyImport_GetModule(name);
    printf("GetModule(builtins): %d\n", b != NULL && PyModule_Check(b));
    Py_XDECREF(b);
    Py_DECREF(name);
    name = PyUnicode_FromString("not_loaded_anywhere");
    b = PyImport_GetModule(name);
    printf("GetModule(missing): %s, error: %d\n", b == NULL ? "NULL" : "set", PyErr_Occurred() != NULL);
    Py_DECREF(name);

    PyObject *t = Py_BuildValue("(is[d]{s:O})", 7, "seven", 7.5, "k", Py_None);
    PyObject *m = PyMarshal_WriteObjectToString(t, Py_MARSHAL_VERSION);
    printf("marshal bytes: %d\n", m != NULL && PyBytes_Check(m));
    PyObject *back = PyMarshal_ReadObjectFromString(PyBytes_AS_STRING(m), PyBytes_GET_SIZE(m));
    show("marshal round trip", back);
    printf("equal: %d\n", PyObject_RichCompareBool(t, back, Py_EQ));
    Py_XDECREF(back); Py_XDECREF(m); Py_DECREF(t);

    if (argc > 2 && strcmp(argv[2], "exit") == 0) {
        PyObject *ex = PyDict_GetItemString(d, "leave");
        PyObject *rr = PyObject_CallObject(ex, NULL);
        printf("leave() returned NULL: %d\n", rr == NULL);
        fflush(stdout);
        PyErr_Print(); /* SystemExit: finalizes and exits with its code */
        printf("not reached\n");
        return 0;
    }
    Py_DECREF(code);
    free(data);
    printf("finalize: %d\n", Py_FinalizeEx());
    printf("initialized after: %d\n", Py_IsInitialized());
    /* A second life: embedders may initialize again after finalizing. */
    Py_InitializeEx(0);
    printf("initialized again: %d\n", Py_IsInitialized());
    PyObject *again = PyDict_New();
    PyDict_SetItemString(again, "k", Py_None);
    show("dict after re-initialization", again);
    printf("sys.maxsize still there: %d\n", PySys_GetObject("maxsize") != NULL);
    printf("finalize again: %d\n", Py_FinalizeEx());
    return 0;
}
