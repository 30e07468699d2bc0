/* Checks of the support API that CPython's own extension modules import: Argument Clinic's
 * helpers, string-to-number and ctype tables, time, and the small types. Built against the
 * host's CPython 3.11 headers and linked twice (CPython's libpython3.11.so, the oracle, and
 * Ferric's); both runs must print the same lines. Run with PYTHONHASHSEED=0. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

static int n_checks = 0;

static void print_error(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = v ? PyObject_Str(v) : NULL;
    const char *msg = s ? PyUnicode_AsUTF8(s) : "?";
    const char *bad = msg ? strstr(msg, "bad argument to internal function") : NULL;
    if (bad) msg = bad;
    printf("!%s: %s\n", t ? ((PyTypeObject *)t)->tp_name : "<no exception>", msg);
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    PyErr_Clear();
}

/* repr() of a result, or the exception it raised. Steals `o`. */
static void show(const char *name, PyObject *o) {
    n_checks++;
    printf("%s: ", name);
    if (o == NULL) {
        print_error();
        return;
    }
    PyObject *r = PyObject_Repr(o);
    if (r == NULL) {
        print_error();
    } else {
        printf("%s\n", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
    }
    Py_DECREF(o);
    if (PyErr_Occurred()) print_error();
}

static void show_int(const char *name, long long v) {
    n_checks++;
    printf("%s: %lld", name, v);
    if (PyErr_Occurred()) {
        printf(" ");
        print_error();
    } else {
        printf("\n");
    }
}

static void show_str(const char *name, const char *s) {
    n_checks++;
    printf("%s: %s\n", name, s ? s : "<NULL>");
    if (PyErr_Occurred()) print_error();
}

static PyObject *S(const char *s) { return PyUnicode_FromString(s); }
static PyObject *I(long v) { return PyLong_FromLong(v); }

/* ---- Argument Clinic ------------------------------------------------------------------ */

/* Prints what _PyArg_UnpackKeywords put in `buf` (or the error), for a vectorcall with
 * `npos` positional values and the keywords named in `kw` (NULL-terminated) and a dict
 * call when `use_dict`. */
static void unpack(const char *label, struct _PyArg_Parser *parser, int minpos, int maxpos, int minkw, int npos,
                   const char *const *kw, int use_dict, int vararg) {
    PyObject *stack[16];
    PyObject *buf[16];
    int nkw = 0;
    for (int i = 0; i < npos; i++) stack[i] = I(i + 1);
    while (kw && kw[nkw]) nkw++;
    PyObject *kwnames = NULL, *kwargs = NULL;
    if (nkw) {
        if (use_dict) {
            kwargs = PyDict_New();
            for (int i = 0; i < nkw; i++) {
                PyObject *v = I(100 + i);
                PyDict_SetItemString(kwargs, kw[i], v);
                Py_DECREF(v);
            }
        } else {
            kwnames = PyTuple_New(nkw);
            for (int i = 0; i < nkw; i++) {
                PyTuple_SET_ITEM(kwnames, i, S(kw[i]));
                stack[npos + i] = I(100 + i);
            }
        }
    }
    for (int i = 0; i < 16; i++) buf[i] = NULL;
    PyObject *const *r;
    if (vararg >= 0)
        r = _PyArg_UnpackKeywordsWithVararg(stack, npos, kwargs, kwnames, parser, minpos, maxpos, minkw, vararg, buf);
    else
        r = _PyArg_UnpackKeywords(stack, npos, kwargs, kwnames, parser, minpos, maxpos, minkw, buf);
    n_checks++;
    printf("%s: ", label);
    if (r == NULL) {
        print_error();
    } else {
        /* The header's macro takes the fast path without calling in (kwtuple stays NULL). */
        int total = parser->kwtuple == NULL ? npos : parser->pos + (int)PyTuple_GET_SIZE(parser->kwtuple) + (vararg >= 0);
        printf("%s[", r == stack ? "args " : r == buf ? "buf " : "? ");
        for (int i = 0; i < total; i++) {
            PyObject *o = r[i];
            if (o == NULL) {
                printf("NULL");
            } else {
                PyObject *s = PyObject_Repr(o);
                printf("%s", PyUnicode_AsUTF8(s));
                Py_DECREF(s);
            }
            if (i + 1 < total) printf(", ");
        }
        printf("]\n");
        if (vararg >= 0) Py_XDECREF(buf[vararg]);
    }
    for (int i = 0; i < npos; i++) Py_DECREF(stack[i]);
    if (kwnames) {
        for (int i = 0; i < nkw; i++) Py_DECREF(stack[npos + i]);
        Py_DECREF(kwnames);
    }
    Py_XDECREF(kwargs);
}

static void clinic(void) {
    /* def f(a, /, b, c=..., *, e, d=...), as clinic emits it */
    static const char *const kw1[] = {"", "b", "c", "e", "d", NULL};
    static struct _PyArg_Parser p1 = {NULL, kw1, "f", NULL, 0, 0, 0, NULL, NULL};
    static const char *const none[] = {NULL};
    static const char *const k_b[] = {"b", NULL};
    static const char *const k_e[] = {"e", NULL};
    static const char *const k_be[] = {"b", "e", NULL};
    static const char *const k_cde[] = {"c", "d", "e", NULL};
    static const char *const k_zz[] = {"e", "zz", NULL};
    static const char *const k_a[] = {"a", "e", NULL};
    unpack("f(1,2,e=)", &p1, 2, 3, 1, 2, k_e, 0, -1);
    unpack("f(1,b=,e=)", &p1, 2, 3, 1, 1, k_be, 0, -1);
    unpack("f(1,b=,e=) dict", &p1, 2, 3, 1, 1, k_be, 1, -1);
    unpack("f(1,2,3,e=)", &p1, 2, 3, 1, 3, k_e, 0, -1);
    unpack("f(1,2,c=,d=,e=)", &p1, 2, 3, 1, 2, k_cde, 0, -1);
    unpack("f(1,2)", &p1, 2, 3, 1, 2, none, 0, -1);
    unpack("f()", &p1, 2, 3, 1, 0, none, 0, -1);
    unpack("f(1)", &p1, 2, 3, 1, 1, k_e, 0, -1);
    unpack("f(1,2,3,4)", &p1, 2, 3, 1, 4, none, 0, -1);
    unpack("f(1,2,3,4,5,6)", &p1, 2, 3, 1, 6, none, 0, -1);
    unpack("f(1,2,b=,e=)", &p1, 2, 3, 1, 2, k_be, 0, -1);
    unpack("f(1,2,e=,zz=)", &p1, 2, 3, 1, 2, k_zz, 0, -1);
    unpack("f(1,2,e=,zz=) dict", &p1, 2, 3, 1, 2, k_zz, 1, -1);
    unpack("f(a=,e=)", &p1, 2, 3, 1, 0, k_a, 0, -1);
    unpack("f(1, b=)", &p1, 2, 3, 1, 1, k_b, 0, -1);
    show_int("p1.pos", p1.pos);
    show("p1.kwtuple", (Py_INCREF(p1.kwtuple), p1.kwtuple));
    show_int("p1.kwtuple[0] interned", PyUnicode_CHECK_INTERNED(PyTuple_GET_ITEM(p1.kwtuple, 0)) != 0);

    /* def g(x, y=...) with a format (the old style parser) */
    static const char *const kw2[] = {"x", "y", NULL};
    static struct _PyArg_Parser p2 = {"O|O:g", kw2, NULL, NULL, 0, 0, 0, NULL, NULL};
    unpack("g(1)", &p2, 1, 2, 0, 1, none, 0, -1);
    unpack("g(x=)", &p2, 1, 2, 0, 0, (const char *const[]){"x", NULL}, 0, -1);
    unpack("g(1,2,3)", &p2, 1, 2, 0, 3, none, 0, -1);
    unpack("g(y=)", &p2, 1, 2, 0, 0, (const char *const[]){"y", NULL}, 0, -1);
    show_str("p2.fname", p2.fname);
    show_int("p2.min", p2.min);
    show_int("p2.max", p2.max);
    static const char *const kw3[] = {"x", NULL};
    static struct _PyArg_Parser p3 = {"OO:h", kw3, NULL, NULL, 0, 0, 0, NULL, NULL};
    unpack("bad format", &p3, 1, 1, 0, 1, k_b, 0, -1);
    static const char *const kw4[] = {"x", "", NULL};
    static struct _PyArg_Parser p4 = {NULL, kw4, "h", NULL, 0, 0, 0, NULL, NULL};
    unpack("empty name", &p4, 1, 1, 0, 1, k_b, 0, -1);
    /* keyword-only, none positional */
    static const char *const kw5[] = {"key", "reverse", NULL};
    static struct _PyArg_Parser p5 = {NULL, kw5, "sort", NULL, 0, 0, 0, NULL, NULL};
    unpack("sort(1)", &p5, 0, 0, 0, 1, none, 0, -1);
    unpack("sort(reverse=)", &p5, 0, 0, 0, 0, (const char *const[]){"reverse", NULL}, 0, -1);
    unpack("sort(a=,b=,c=)", &p5, 0, 0, 0, 0, (const char *const[]){"a", "b", "c", NULL}, 0, -1);

    /* def v(a, *args, b=...) */
    static const char *const kw6[] = {"a", "b", NULL};
    static struct _PyArg_Parser p6 = {NULL, kw6, "v", NULL, 0, 0, 0, NULL, NULL};
    unpack("v(1,2,3)", &p6, 1, 1, 0, 3, none, 0, 1);
    unpack("v(1,2,3,b=)", &p6, 1, 1, 0, 3, k_b, 0, 1);
    unpack("v(a=)", &p6, 1, 1, 0, 0, (const char *const[]){"a", NULL}, 0, 1);
    unpack("v()", &p6, 1, 1, 0, 0, none, 0, 1);
    unpack("v(1,zz=)", &p6, 1, 1, 0, 1, (const char *const[]){"zz", NULL}, 0, 1);

    show_int("CheckPositional(f,1,1,2)", _PyArg_CheckPositional("f", 1, 1, 2));
    show_int("CheckPositional(f,0,1,2)", _PyArg_CheckPositional("f", 0, 1, 2));
    show_int("CheckPositional(f,3,1,2)", _PyArg_CheckPositional("f", 3, 1, 2));
    show_int("CheckPositional(f,3,1,1)", _PyArg_CheckPositional("f", 3, 1, 1));
    show_int("CheckPositional(f,2,1,1)", _PyArg_CheckPositional("f", 2, 1, 1));
    show_int("CheckPositional(NULL,0,2,2)", _PyArg_CheckPositional(NULL, 0, 2, 2));
    show_int("CheckPositional(NULL,3,0,2)", _PyArg_CheckPositional(NULL, 3, 0, 2));
    PyObject *o = S("x");
    _PyArg_BadArgument("func", "argument 1", "int", o);
    show_int("BadArgument", 0);
    _PyArg_BadArgument("func", "argument 'key'", "str or None", Py_None);
    show_int("BadArgument None", 0);
    PyObject *d = PyDict_New();
    show_int("NoKeywords(NULL)", _PyArg_NoKeywords("T", NULL));
    show_int("NoKeywords({})", _PyArg_NoKeywords("T", d));
    PyDict_SetItemString(d, "k", o);
    show_int("NoKeywords({k})", _PyArg_NoKeywords("T", d));
    show_int("NoKeywords(str)", _PyArg_NoKeywords("T", o));
    show_int("ValidateKeywordArguments", PyArg_ValidateKeywordArguments(d));
    PyObject *one = I(1);
    PyDict_SetItem(d, one, o);
    show_int("ValidateKeywordArguments(int key)", PyArg_ValidateKeywordArguments(d));
    PyObject *t0 = PyTuple_New(0), *t1 = PyTuple_Pack(1, o);
    show_int("NoPositional(())", _PyArg_NoPositional("T", t0));
    show_int("NoPositional((x,))", _PyArg_NoPositional("T", t1));
    show_int("NoPositional(NULL)", _PyArg_NoPositional("T", NULL));

    PyObject *stack[3] = {one, o, Py_None};
    PyObject *a = NULL, *b = NULL, *c = NULL;
    show_int("UnpackStack 2", _PyArg_UnpackStack(stack, 2, "u", 1, 3, &a, &b, &c));
    show("UnpackStack a", (Py_INCREF(a), a));
    show("UnpackStack b", (Py_INCREF(b), b));
    show_int("UnpackStack 3 of 2", _PyArg_UnpackStack(stack, 3, "u", 1, 2, &a, &b));
    int i1 = 0;
    const char *s1 = NULL;
    Py_ssize_t n1 = 0;
    show_int("ParseStack_SizeT(i|s#)", _PyArg_ParseStack_SizeT(stack, 2, "i|s#:ps", &i1, &s1, &n1));
    printf("  -> %d %s %zd\n", i1, s1, n1);
    show_int("ParseStack_SizeT(ii)", _PyArg_ParseStack_SizeT(stack, 2, "ii:ps", &i1, &i1));
    show_int("ParseStack_SizeT too many", _PyArg_ParseStack_SizeT(stack, 3, "i|s#:ps", &i1, &s1, &n1));
    show_int("Parse_SizeT(s#)", _PyArg_Parse_SizeT(o, "s#:pp", &s1, &n1));
    printf("  -> %s %zd\n", s1, n1);
    show_int("Parse_SizeT(i) str", _PyArg_Parse_SizeT(o, "i:pp", &i1));
    show_int("Parse_SizeT(ii)", _PyArg_Parse_SizeT(o, "ii:pp", &i1, &i1));
    show_int("Parse_SizeT() NULL", _PyArg_Parse_SizeT(NULL, ":pp"));
    show_int("Parse_SizeT() obj", _PyArg_Parse_SizeT(o, ":pp"));
    Py_DECREF(t0);
    Py_DECREF(t1);
    Py_DECREF(one);
    Py_DECREF(d);
    Py_DECREF(o);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    Py_Initialize();
    clinic();
    printf("checks: %d\n", n_checks);
    return 0;
}
