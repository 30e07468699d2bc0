/* Checks of the support API that CPython's own extension modules import: Argument Clinic's
 * helpers, string-to-number and ctype tables, time, and the small types. Built against the
 * host's CPython 3.11 headers and linked twice (CPython's libpython3.11.so, the oracle, and
 * Ferric's); both runs must print the same lines. Run with PYTHONHASHSEED=0. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <marshal.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int n_checks = 0;

/* `s` with every "0x<hex>" (an address) written as "0x?", so outputs compare. */
static const char *scrub(const char *s) {
    static char buf[4096];
    size_t j = 0;
    for (size_t i = 0; s && s[i] && j + 4 < sizeof buf; i++) {
        if (s[i] == '0' && s[i + 1] == 'x') {
            buf[j++] = '0';
            buf[j++] = 'x';
            buf[j++] = '?';
            i += 2;
            while (isxdigit((unsigned char)s[i])) i++;
            i--;
        } else {
            buf[j++] = s[i];
        }
    }
    buf[j] = 0;
    return s ? buf : NULL;
}

static void print_error(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = v ? PyObject_Str(v) : NULL;
    const char *msg = s ? PyUnicode_AsUTF8(s) : "?";
    const char *bad = msg ? strstr(msg, "bad argument to internal function") : NULL;
    if (bad) msg = bad;
    printf("!%s: %s\n", t ? ((PyTypeObject *)t)->tp_name : "<no exception>", scrub(msg));
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
        printf("%s\n", scrub(PyUnicode_AsUTF8(r)));
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


/* ---- pystrtod, mystrtoul, pyctype --------------------------------------------------- */

extern double _Py_dg_infinity(int sign);
extern double _Py_dg_stdnan(int sign);
extern Py_ssize_t _Py_UTF8_Edit_Cost(PyObject *a, PyObject *b, Py_ssize_t max_cost);
extern int _Py_convert_optional_to_ssize_t(PyObject *obj, void *result);

static void double_to_string(void) {
    double vals[] = {0.0, -0.0, 1.0, 1.5, -2.25, 1e16, 1e22, 123456789.0, 0.1, 1e-5, 3.141592653589793,
                     100000.0, 1e-7, 2.5, 0.5e-300, 1.7976931348623157e308, -1e-20};
    const char codes[] = "efgEFG";
    int precs[] = {0, 1, 3, 17};
    int flagsets[] = {0, Py_DTSF_SIGN, Py_DTSF_ADD_DOT_0, Py_DTSF_ALT, Py_DTSF_NO_NEG_0, Py_DTSF_SIGN | Py_DTSF_ADD_DOT_0 | Py_DTSF_ALT};
    double specials[3];
    specials[0] = _Py_dg_infinity(0);
    specials[1] = _Py_dg_infinity(1);
    specials[2] = _Py_dg_stdnan(1);
    for (size_t v = 0; v < sizeof vals / sizeof vals[0] + 3; v++) {
        double x = v < sizeof vals / sizeof vals[0] ? vals[v] : specials[v - sizeof vals / sizeof vals[0]];
        printf("%.17g:", x);
        for (size_t f = 0; f < sizeof flagsets / sizeof flagsets[0]; f++) {
            int type = -1;
            char *r = PyOS_double_to_string(x, 'r', 0, flagsets[f], &type);
            printf(" r%d=%s/%d", flagsets[f], r ? r : "NULL", type);
            PyMem_Free(r);
            for (int c = 0; codes[c]; c++) {
                for (size_t p = 0; p < sizeof precs / sizeof precs[0]; p++) {
                    char *t = PyOS_double_to_string(x, codes[c], precs[p], flagsets[f], NULL);
                    printf(" %c%d.%d=%s", codes[c], flagsets[f], precs[p], t ? t : "NULL");
                    PyMem_Free(t);
                }
            }
        }
        printf("\n");
        n_checks++;
    }
    show_str("double_to_string 'x'", PyOS_double_to_string(1.0, 'x', 0, 0, NULL));
    show_str("double_to_string 'r' prec 3", PyOS_double_to_string(1.0, 'r', 3, 0, NULL));
    show_int("signbit(stdnan(1))", signbit(_Py_dg_stdnan(1)) != 0);
    show_int("signbit(stdnan(0))", signbit(_Py_dg_stdnan(0)) != 0);
}

static void string_to_double(void) {
    const char *inputs[] = {"1.5", "  1.5", "1.5abc", "inf", "-Infinity", "+nan", "-nan", "nAn", "infinit", "1e500", "-1e500",
                            "1e-500", "", "abc", ".5", "5.", ".", "1e", "1e+", "1e+5x", "0x10", "1_000", "-0", "+.e1", "12345678901234567890123"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char label[80];
        char *end = NULL;
        double d = PyOS_string_to_double(inputs[i], &end, NULL);
        snprintf(label, sizeof label, "string_to_double(%s, end)", inputs[i]);
        n_checks++;
        printf("%s: %.17g sign %d end %d", label, d, signbit(d) != 0, (int)(end - inputs[i]));
        if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
        d = PyOS_string_to_double(inputs[i], NULL, PyExc_OverflowError);
        snprintf(label, sizeof label, "string_to_double(%s)", inputs[i]);
        n_checks++;
        printf("%s: %.17g", label, d);
        if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
    }
}

static void strtol_checks(void) {
    struct { const char *s; int base; } cases[] = {
        {"123", 10}, {"  -42", 10}, {"- 42", 10}, {"0x1f", 0}, {"0X1F", 16}, {"1f", 16}, {"0o17", 0}, {"0b101", 0}, {"0b102", 0},
        {"0", 0}, {"000", 0}, {"00 7", 0}, {"0x", 0}, {"0xg", 16}, {"0o8", 8}, {"0b", 2}, {"0777", 8}, {"zz", 36}, {"Zz", 36},
        {"12", 1}, {"12", 37}, {"99999999999999999999", 10}, {"18446744073709551615", 10}, {"18446744073709551616", 10},
        {"-9223372036854775808", 10}, {"9223372036854775808", 10}, {"-9223372036854775809", 10}, {"0xffffffffffffffffff", 0},
        {"+7", 10}, {"", 10}, {"\t\n 5", 10}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *end = NULL;
        errno = 0;
        unsigned long u = PyOS_strtoul(cases[i].s, &end, cases[i].base);
        int e1 = errno == ERANGE;
        int uend = (int)(end - cases[i].s);
        errno = 0;
        long l = PyOS_strtol(cases[i].s, &end, cases[i].base);
        int e2 = errno == ERANGE;
        n_checks++;
        printf("strtoul/strtol(%s, %d): %lu end %d range %d / %ld end %d range %d\n", cases[i].s, cases[i].base, u, uend, e1, l,
               (int)(end - cases[i].s), e2);
    }
}

static void ctype_checks(void) {
    printf("ctype table:");
    for (int i = 0; i < 256; i++) printf("%s%x", i % 32 ? "" : "\n ", _Py_ctype_table[i]);
    printf("\n");
    int lower_diff = 0, upper_diff = 0;
    for (int i = 0; i < 256; i++) {
        lower_diff += _Py_ctype_tolower[i] != i;
        upper_diff += _Py_ctype_toupper[i] != i;
    }
    show_int("tolower changes", lower_diff);
    show_int("toupper changes", upper_diff);
    show_int("Py_TOLOWER('Q')", Py_TOLOWER('Q'));
    show_int("Py_TOUPPER(0xe9)", Py_TOUPPER(0xe9));
    show_int("Py_ISALNUM('_')", Py_ISALNUM('_'));
    show_int("Py_ISXDIGIT('F')", Py_ISXDIGIT('F'));
    show_int("Py_ISSPACE('\\v')", Py_ISSPACE('\v'));
    printf("ascii whitespace:");
    for (int i = 0; i < 128; i++) printf("%d", _Py_ascii_whitespace[i]);
    printf("\n");
    show_str("Py_hexdigits", Py_hexdigits);
    show_int("mystrnicmp(abc, ABD, 2)", PyOS_mystrnicmp("abc", "ABD", 2));
    show_int("mystrnicmp(abc, ABD, 3) < 0", PyOS_mystrnicmp("abc", "ABD", 3) < 0);
    show_int("mystrnicmp(abc, ab, 5) > 0", PyOS_mystrnicmp("abc", "ab", 5) > 0);
    show_int("mystrnicmp(x, y, 0)", PyOS_mystrnicmp("x", "y", 0));
    show_int("mystricmp(HeLLo, hello)", PyOS_mystricmp("HeLLo", "hello"));
    printf("Py_Version: %lx\n", Py_Version);
}

/* ---- objects and calls -------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *next;
} NodeObject;
static int nodes_freed = 0;
static void node_dealloc(PyObject *self) {
    Py_TRASHCAN_BEGIN(self, node_dealloc)
    Py_XDECREF(((NodeObject *)self)->next);
    nodes_freed++;
    PyObject_Free(self);
    Py_TRASHCAN_END
}
static PyTypeObject Node_Type = {PyVarObject_HEAD_INIT(NULL, 0) "capi_support.Node", sizeof(NodeObject), 0, node_dealloc};

static PyObject *writer_with(PyObject *list) {
    PyObject *m = PyModule_New("w");
    PyObject *append = PyObject_GetAttrString(list, "append");
    PyObject_SetAttrString(m, "write", append);
    Py_DECREF(append);
    return m;
}


static void objects_and_calls(void) {
    PyType_Ready(&Node_Type);
    PyObject *head = NULL;
    for (int i = 0; i < 100000; i++) {
        NodeObject *n = PyObject_New(NodeObject, &Node_Type);
        n->next = head;
        head = (PyObject *)n;
    }
    Py_DECREF(head);
    show_int("nodes freed through the trashcan", nodes_freed);

    PyObject raw = {7, &PyBaseObject_Type};
    _Py_NewReference(&raw);
    show_int("_Py_NewReference refcnt", raw.ob_refcnt);

    PyObject *len = _PyEval_GetBuiltin(PyUnicode_FromString("len"));
    show("_PyEval_GetBuiltin(len)", len ? (Py_INCREF(len), len) : NULL);
    show("_PyEval_GetBuiltin(nope)", _PyEval_GetBuiltin(PyUnicode_FromString("nope")));
    PyObject *r = _Py_CheckFunctionResult(PyThreadState_Get(), len, NULL, NULL);
    show("CheckFunctionResult(len, NULL)", r);
    PyErr_SetString(PyExc_KeyError, "pending");
    r = _Py_CheckFunctionResult(PyThreadState_Get(), len, PyLong_FromLong(1), NULL);
    {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *cause = v ? PyException_GetCause(v) : NULL;
        show_str("CheckFunctionResult(result, error) cause", cause ? Py_TYPE(cause)->tp_name : "<none>");
        PyErr_Restore(t, v, tb);
        Py_XDECREF(cause);
    }
    show("CheckFunctionResult(result, error)", r);
    show("CheckFunctionResult(where)", _Py_CheckFunctionResult(PyThreadState_Get(), NULL, NULL, "somewhere"));
    show("CheckFunctionResult(ok)", _Py_CheckFunctionResult(PyThreadState_Get(), len, PyLong_FromLong(2), NULL));
    Py_XDECREF(len);

    PyObject *list = PyList_New(0);
    PyObject *w = writer_with(list);
    show_int("PyFile_WriteString", PyFile_WriteString("hello", w));
    PyObject *o = PyLong_FromLong(42);
    show_int("PyFile_WriteObject(raw)", PyFile_WriteObject(o, w, Py_PRINT_RAW));
    PyObject *s = PyUnicode_FromString("q");
    show_int("PyFile_WriteObject(repr)", PyFile_WriteObject(s, w, 0));
    show_int("PyFile_WriteObject(NULL file)", PyFile_WriteObject(s, NULL, 0));
    show_int("PyFile_WriteString(NULL file)", PyFile_WriteString("x", NULL));
    show_int("PyFile_WriteString(no write)", PyFile_WriteString("x", o));
    PyErr_SetString(PyExc_KeyError, "pending");
    show_int("PyFile_WriteString(error pending)", PyFile_WriteString("x", w));
    PyErr_Clear();
    show("written", list);
    show_int("AsFileDescriptor(42)", PyObject_AsFileDescriptor(o));
    PyObject *neg = PyLong_FromLong(-3), *huge = PyLong_FromLongLong(1LL << 40);
    show_int("AsFileDescriptor(-3)", PyObject_AsFileDescriptor(neg));
    show_int("AsFileDescriptor(2**40)", PyObject_AsFileDescriptor(huge));
    show_int("AsFileDescriptor(str)", PyObject_AsFileDescriptor(s));
    PyObject *m = PyModule_New("f");
    PyObject *abs_ = PyObject_GetAttrString(PyEval_GetBuiltins() ? PyDict_GetItemString(PyEval_GetBuiltins(), "abs") : NULL, "__call__");
    Py_XDECREF(abs_);
    PyObject *fileno = PyObject_GetAttrString(o, "__index__");
    PyObject_SetAttrString(m, "fileno", fileno);
    show_int("AsFileDescriptor(fileno() -> 42)", PyObject_AsFileDescriptor(m));
    PyObject *strfn = PyObject_GetAttrString(s, "upper");
    PyObject_SetAttrString(m, "fileno", strfn);
    show_int("AsFileDescriptor(fileno() -> str)", PyObject_AsFileDescriptor(m));
    Py_DECREF(strfn);
    Py_DECREF(fileno);
    Py_DECREF(m);

    show("Py_GenericAlias(list, int)", Py_GenericAlias((PyObject *)&PyList_Type, (PyObject *)&PyLong_Type));
    PyObject *args = PyTuple_Pack(2, (PyObject *)&PyUnicode_Type, (PyObject *)&PyFloat_Type);
    show("Py_GenericAlias(dict, (str, float))", Py_GenericAlias((PyObject *)&PyDict_Type, args));
    Py_DECREF(args);

    const char *pairs[][2] = {{"kitten", "sitting"}, {"abc", "ABC"}, {"foo", "foo"}, {"a", "bcdef"}, {"", "xyz"}, {"\xc3\xa9t\xc3\xa9", "ete"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        PyObject *a = PyUnicode_FromString(pairs[i][0]), *b = PyUnicode_FromString(pairs[i][1]);
        char label[80];
        snprintf(label, sizeof label, "Edit_Cost(%s, %s)", pairs[i][0], pairs[i][1]);
        show_int(label, _Py_UTF8_Edit_Cost(a, b, -1));
        snprintf(label, sizeof label, "Edit_Cost(%s, %s, 2)", pairs[i][0], pairs[i][1]);
        show_int(label, _Py_UTF8_Edit_Cost(a, b, 2));
        Py_DECREF(a);
        Py_DECREF(b);
    }
    Py_ssize_t n = 77;
    show_int("optional_to_ssize_t(None)", _Py_convert_optional_to_ssize_t(Py_None, &n));
    show_int("  n", n);
    show_int("optional_to_ssize_t(42)", _Py_convert_optional_to_ssize_t(o, &n));
    show_int("  n", n);
    show_int("optional_to_ssize_t(str)", _Py_convert_optional_to_ssize_t(s, &n));
    PyObject *vast = PyLong_FromString("100000000000000000000000", NULL, 10);
    show_int("optional_to_ssize_t(10**23)", _Py_convert_optional_to_ssize_t(vast, &n));
    Py_DECREF(vast);

    PyObject *d1 = PyThreadState_GetDict(), *d2 = PyThreadState_GetDict();
    show_int("PyThreadState_GetDict is a dict, the same twice", d1 && PyDict_CheckExact(d1) && d1 == d2);
    show_int("PyThreadState_Get() non-NULL", PyThreadState_Get() != NULL);
    Py_DECREF(neg);
    Py_DECREF(huge);
    Py_DECREF(s);
    Py_DECREF(o);
    Py_DECREF(w);
    Py_DECREF(list);
}

/* ---- time ---------------------------------------------------------------------------- */

static const char *round_names[] = {"FLOOR", "CEILING", "HALF_EVEN", "UP"};

static void time_checks(void) {
    const char *inputs[] = {"1.5", "-1.5", "2.5e-9", "-2.5e-9", "1.5e-9", "1e-10", "10", "-3", "1e300", "nan", "10**30", "'x'", "0.1", "-0.0"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        PyObject *o = PyRun_String(inputs[i], Py_eval_input, PyEval_GetBuiltins(), NULL);
        if (o == NULL) {
            /* No compiler yet in Ferric: build the values directly. */
            PyErr_Clear();
            if (strcmp(inputs[i], "10**30") == 0) o = PyLong_FromString("1000000000000000000000000000000", NULL, 10);
            else if (strcmp(inputs[i], "'x'") == 0) o = PyUnicode_FromString("x");
            else if (strcmp(inputs[i], "10") == 0 || strcmp(inputs[i], "-3") == 0) o = PyLong_FromString(inputs[i], NULL, 10);
            else o = PyFloat_FromDouble(PyOS_string_to_double(inputs[i], NULL, NULL));
        }
        for (int r = 0; r < 4; r++) {
            _PyTime_t t = -7;
            char label[100];
            snprintf(label, sizeof label, "FromSecondsObject(%s, %s)", inputs[i], round_names[r]);
            int rc = _PyTime_FromSecondsObject(&t, o, (_PyTime_round_t)r);
            n_checks++;
            printf("%s: %d %lld", label, rc, (long long)t);
            if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
            t = -7;
            snprintf(label, sizeof label, "FromMillisecondsObject(%s, %s)", inputs[i], round_names[r]);
            rc = _PyTime_FromMillisecondsObject(&t, o, (_PyTime_round_t)r);
            n_checks++;
            printf("%s: %d %lld", label, rc, (long long)t);
            if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
            time_t sec = -7;
            long frac = -7;
            snprintf(label, sizeof label, "ObjectToTime_t(%s, %s)", inputs[i], round_names[r]);
            rc = _PyTime_ObjectToTime_t(o, &sec, (_PyTime_round_t)r);
            n_checks++;
            printf("%s: %d %lld", label, rc, (long long)sec);
            if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
            snprintf(label, sizeof label, "ObjectToTimeval(%s, %s)", inputs[i], round_names[r]);
            rc = _PyTime_ObjectToTimeval(o, &sec, &frac, (_PyTime_round_t)r);
            n_checks++;
            printf("%s: %d %lld %ld", label, rc, (long long)sec, frac);
            if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
            snprintf(label, sizeof label, "ObjectToTimespec(%s, %s)", inputs[i], round_names[r]);
            rc = _PyTime_ObjectToTimespec(o, &sec, &frac, (_PyTime_round_t)r);
            n_checks++;
            printf("%s: %d %lld %ld", label, rc, (long long)sec, frac);
            if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
        }
        _PyTime_t t = -7;
        int rc = _PyTime_FromNanosecondsObject(&t, o);
        n_checks++;
        printf("FromNanosecondsObject(%s): %d %lld", inputs[i], rc, (long long)t);
        if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
        Py_DECREF(o);
    }
    long long ts[] = {0, 1, -1, 999, 1000, 1500000, -1500000, 2500000, -2500000, 3500000, 1999999999, -1999999999,
                      9223372036854775807LL, -9223372036854775807LL - 1};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        printf("t=%lld: sec %.17g ns %lld", ts[i], _PyTime_AsSecondsDouble(ts[i]), (long long)_PyTime_AsNanoseconds(ts[i]));
        for (int r = 0; r < 4; r++) {
            struct timeval tv = {-7, -7};
            int rc = _PyTime_AsTimeval(ts[i], &tv, (_PyTime_round_t)r);
            PyErr_Clear();
            struct timeval tc = {-7, -7};
            _PyTime_AsTimeval_clamp(ts[i], &tc, (_PyTime_round_t)r);
            time_t secs = -7;
            int us = -7;
            int rc2 = _PyTime_AsTimevalTime_t(ts[i], &secs, &us, (_PyTime_round_t)r);
            PyErr_Clear();
            printf(" | %s ms %lld us %lld tv %d %lld.%ld clamp %lld.%ld tt %d %lld.%d", round_names[r],
                   (long long)_PyTime_AsMilliseconds(ts[i], (_PyTime_round_t)r), (long long)_PyTime_AsMicroseconds(ts[i], (_PyTime_round_t)r),
                   rc, (long long)tv.tv_sec, (long)tv.tv_usec, (long long)tc.tv_sec, (long)tc.tv_usec, rc2, (long long)secs, us);
        }
        struct timespec sp = {-7, -7}, sc = {-7, -7};
        int rc = _PyTime_AsTimespec(ts[i], &sp);
        if (PyErr_Occurred()) { printf(" (timespec error)"); PyErr_Clear(); }
        _PyTime_AsTimespec_clamp(ts[i], &sc);
        printf(" | ts %d %lld.%ld clamp %lld.%ld\n", rc, (long long)sp.tv_sec, sp.tv_nsec, (long long)sc.tv_sec, sc.tv_nsec);
        n_checks++;
        show("AsNanosecondsObject", _PyTime_AsNanosecondsObject(ts[i]));
    }
    show_int("FromSeconds(-3)", _PyTime_FromSeconds(-3));
    show_int("FromNanoseconds(12)", _PyTime_FromNanoseconds(12));
    show_int("system clock after 2020", _PyTime_GetSystemClock() > 1577836800000000000LL);
    _PyTime_t m1 = _PyTime_GetMonotonicClock(), m2 = _PyTime_GetMonotonicClock();
    show_int("monotonic clock does not go back", m2 >= m1 && m1 > 0);
    _PyTime_t p1 = _PyTime_GetPerfCounter(), p2 = _PyTime_GetPerfCounter();
    show_int("perf counter does not go back", p2 >= p1);
    _PyTime_t dl = _PyDeadline_Init(1000000000);
    _PyTime_t left = _PyDeadline_Get(dl);
    show_int("deadline in (0, 1s]", left > 0 && left <= 1000000000);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    show_int("gmtime(86400*365)", _PyTime_gmtime(86400 * 365, &tm));
    printf("  %d-%d-%d %d:%d:%d wday %d yday %d\n", tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
    show_int("localtime(0)", _PyTime_localtime(0, &tm));
    show_int("gmtime(2**62)", _PyTime_gmtime((time_t)1 << 62, &tm));
    show_int("localtime(2**62)", _PyTime_localtime((time_t)1 << 62, &tm));
}

/* ---- instancemethod ------------------------------------------------------------------ */

static PyObject *echo_args(PyObject *self, PyObject *args) {
    (void)self;
    return PyUnicode_FromFormat("%zd args, first %s", PyTuple_GET_SIZE(args),
                                PyTuple_GET_SIZE(args) ? Py_TYPE(PyTuple_GET_ITEM(args, 0))->tp_name : "-");
}
static PyMethodDef echo_def = {"echo", echo_args, METH_VARARGS, "echo doc"};

static void instancemethod_checks(void) {
    PyObject *f = PyCFunction_New(&echo_def, NULL);
    PyObject *im = PyInstanceMethod_New(f);
    show_str("type", Py_TYPE(im)->tp_name);
    show_int("PyInstanceMethod_Check", PyInstanceMethod_Check(im));
    show_int("PyInstanceMethod_Function is f", PyInstanceMethod_Function(im) == f);
    show_int("PyInstanceMethod_GET_FUNCTION is f", PyInstanceMethod_GET_FUNCTION(im) == f);
    PyObject *func = PyObject_GetAttrString(im, "__func__");
    show_int("__func__ is f", func == f);
    Py_XDECREF(func);
    show("__doc__", PyObject_GetAttrString(im, "__doc__"));
    show("__name__ (from the function)", PyObject_GetAttrString(im, "__name__"));
    PyObject *five = PyLong_FromLong(5);
    show("im(5)", PyObject_CallOneArg(im, five));
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "m", im);
    PyObject *name = PyUnicode_FromString("C"), *bases = PyTuple_New(0);
    PyObject *cls = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, name, bases, ns, NULL);
    show_int("class made", cls != NULL);
    if (cls == NULL) print_error();
    else {
        PyObject *unbound = PyObject_GetAttrString(cls, "m");
        show_int("C.m is f", unbound == f);
        Py_XDECREF(unbound);
        PyObject *inst = PyObject_CallNoArgs(cls);
        PyObject *bound = PyObject_GetAttrString(inst, "m");
        show_str("type(C().m)", bound ? Py_TYPE(bound)->tp_name : "<NULL>");
        show("C().m(5)", PyObject_CallMethod(inst, "m", "O", five));
        Py_XDECREF(bound);
        Py_XDECREF(inst);
        Py_DECREF(cls);
    }
    PyObject *im2 = PyInstanceMethod_New(f);
    show_int("im == instancemethod(f)", PyObject_RichCompareBool(im, im2, Py_EQ));
    show_int("im != instancemethod(f)", PyObject_RichCompareBool(im, im2, Py_NE));
    show("instancemethod(5)", PyObject_CallOneArg((PyObject *)&PyInstanceMethod_Type, five));
    show("instancemethod(f, x=1)", PyObject_Call((PyObject *)&PyInstanceMethod_Type, PyTuple_Pack(1, f), Py_BuildValue("{s:i}", "x", 1)));
    show("instancemethod(f) by type", PyObject_CallOneArg((PyObject *)&PyInstanceMethod_Type, f) ? PyUnicode_FromString("made") : NULL);
    Py_DECREF(im2);
    Py_DECREF(name);
    Py_DECREF(bases);
    Py_DECREF(ns);
    Py_DECREF(five);
    Py_DECREF(im);
    Py_DECREF(f);
}

/* ---- threads, locks, thread-specific storage, the GIL's API --------------------------- */

static PyThread_type_lock started, finished;
static int thread_saw = 0;
static void thread_body(void *arg) {
    thread_saw = *(int *)arg;
    PyThread_release_lock(finished);
}

static void thread_checks(void) {
    PyThread_type_lock l = PyThread_allocate_lock();
    show_int("allocate_lock", l != NULL);
    show_int("acquire(wait)", PyThread_acquire_lock(l, 1));
    show_int("acquire(nowait) while held", PyThread_acquire_lock(l, 0));
    show_int("acquire_timed(1ms) while held", PyThread_acquire_lock_timed(l, 1000, 0));
    PyThread_release_lock(l);
    show_int("acquire(nowait) after release", PyThread_acquire_lock(l, 0));
    PyThread_release_lock(l);
    show_int("acquire_timed(-1)", PyThread_acquire_lock_timed(l, -1, 0));
    PyThread_release_lock(l);
    PyThread_free_lock(l);

    finished = PyThread_allocate_lock();
    PyThread_acquire_lock(finished, 1);
    static int payload = 42;
    unsigned long id = PyThread_start_new_thread(thread_body, &payload);
    show_int("start_new_thread", id != (unsigned long)-1);
    /* The thread releases the lock we hold: CPython's locks allow that. */
    show_int("joined through the lock", PyThread_acquire_lock_timed(finished, 5000000, 0));
    show_int("thread ran", thread_saw);
    PyThread_free_lock(finished);
    show_int("get_thread_ident is pthread_self", PyThread_get_thread_ident() == (unsigned long)pthread_self());

    Py_tss_t *key = PyThread_tss_alloc();
    show_int("tss_alloc", key != NULL);
    show_int("tss_is_created (new)", PyThread_tss_is_created(key));
    show_int("tss_create", PyThread_tss_create(key));
    show_int("tss_is_created", PyThread_tss_is_created(key));
    show_int("tss_create again", PyThread_tss_create(key));
    show_int("tss_get (unset)", PyThread_tss_get(key) == NULL);
    show_int("tss_set", PyThread_tss_set(key, &payload));
    show_int("tss_get", PyThread_tss_get(key) == &payload);
    PyThread_tss_delete(key);
    show_int("tss_is_created (deleted)", PyThread_tss_is_created(key));
    PyThread_tss_free(key);
    Py_tss_t stat = Py_tss_NEEDS_INIT;
    show_int("static tss create", PyThread_tss_create(&stat));
    PyThread_tss_delete(&stat);

    PyThreadState *ts = PyThreadState_Get();
    PyThreadState *saved = PyEval_SaveThread();
    /* Nothing that needs the GIL until it is back. */
    PyEval_RestoreThread(saved);
    show_int("SaveThread returns the thread state", saved == ts);
    show_int("RestoreThread: current again", PyThreadState_Get() == ts);
    Py_BEGIN_ALLOW_THREADS
    Py_END_ALLOW_THREADS
    show_int("Py_BEGIN/END_ALLOW_THREADS", PyThreadState_Get() == ts);
    PyGILState_STATE g = PyGILState_Ensure();
    show_int("PyGILState_Ensure with the GIL held", g);
    show_int("PyGILState_Check", PyGILState_Check());
    show_int("PyGILState_GetThisThreadState", PyGILState_GetThisThreadState() == ts);
    PyGILState_Release(g);
    show_int("after PyGILState_Release", PyThreadState_Get() == ts);
    PyThreadState *old = PyThreadState_Swap(NULL);
    PyThreadState *none = PyThreadState_Swap(old);
    show_int("PyThreadState_Swap", old == ts && none == NULL);
}

/* ---- frames, pickle buffers, allocators, the str accumulator, contextvars ------------- */

typedef struct { PyObject *large; PyObject *small; } Accu;
extern int _PyAccu_Init(Accu *acc);
extern int _PyAccu_Accumulate(Accu *acc, PyObject *unicode);
extern PyObject *_PyAccu_FinishAsList(Accu *acc);
extern PyObject *_PyAccu_Finish(Accu *acc);
extern void _PyAccu_Destroy(Accu *acc);
extern const char *_PyMem_GetCurrentAllocatorName(void);

static int hook_mallocs = 0, hook_frees = 0;
static PyMemAllocatorEx saved_mem;
static void *hook_malloc(void *ctx, size_t n) { hook_mallocs++; return saved_mem.malloc(saved_mem.ctx, n); }
static void *hook_calloc(void *ctx, size_t n, size_t s) { hook_mallocs++; return saved_mem.calloc(saved_mem.ctx, n, s); }
static void *hook_realloc(void *ctx, void *p, size_t n) { return saved_mem.realloc(saved_mem.ctx, p, n); }
static void hook_free(void *ctx, void *p) { if (p) hook_frees++; saved_mem.free(saved_mem.ctx, p); }

static void more_checks(void) {
    PyObject *globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyCodeObject *code = PyCode_NewEmpty("frames.py", "made", 42);
    PyFrameObject *f = PyFrame_New(PyThreadState_Get(), code, globals, NULL);
    show_int("PyFrame_New", f != NULL);
    if (f) {
        PyCodeObject *fc = PyFrame_GetCode(f);
        show_int("PyFrame_GetCode is the code", fc == code);
        Py_XDECREF(fc);
        show_int("PyFrame_GetLineNumber", PyFrame_GetLineNumber(f));
        PyFrameObject *back = PyFrame_GetBack(f);
        show_int("PyFrame_GetBack is NULL", back == NULL);
        Py_XDECREF(back);
        PyObject *g = PyObject_GetAttrString((PyObject *)f, "f_globals");
        show_int("f_globals is globals", g == globals);
        Py_XDECREF(g);
        show("f_code.co_name", PyObject_GetAttrString((PyObject *)code, "co_name"));
        Py_DECREF(f);
    }
    show("PyFrame_New(globals not a dict)", (PyObject *)PyFrame_New(PyThreadState_Get(), code, Py_None, NULL));
    Py_DECREF(code);
    Py_DECREF(globals);

    PyObject *data = PyBytes_FromString("abcdef");
    PyObject *pbuf = PyPickleBuffer_FromObject(data);
    show_str("PickleBuffer type", Py_TYPE(pbuf)->tp_name);
    const Py_buffer *view = PyPickleBuffer_GetBuffer(pbuf);
    show_int("GetBuffer len", view ? view->len : -1);
    show_int("GetBuffer obj is the bytes", view && view->obj == data);
    show_int("GetBuffer readonly", view ? view->readonly : -1);
    PyObject *raw = PyObject_CallMethod(pbuf, "raw", NULL);
    show("raw().tobytes()", raw ? PyObject_CallMethod(raw, "tobytes", NULL) : NULL);
    show("raw().format", raw ? PyObject_GetAttrString(raw, "format") : NULL);
    Py_XDECREF(raw);
    PyObject *mv = PyMemoryView_FromObject(pbuf);
    show("memoryview(PickleBuffer).tobytes()", mv ? PyObject_CallMethod(mv, "tobytes", NULL) : NULL);
    if (mv) PyObject_CallMethod(mv, "release", NULL);
    Py_XDECREF(mv);
    show_int("PyPickleBuffer_Release", PyPickleBuffer_Release(pbuf));
    show_int("GetBuffer after release", PyPickleBuffer_GetBuffer(pbuf) == NULL);
    show("raw() after release", PyObject_CallMethod(pbuf, "raw", NULL));
    show_int("GetBuffer(bytes)", PyPickleBuffer_GetBuffer(data) == NULL);
    show_int("Release(bytes)", PyPickleBuffer_Release(data));
    show("PickleBuffer(1)", PyPickleBuffer_FromObject(PyLong_FromLong(1)));
    PyObject *none_args = PyTuple_New(0);
    show("PickleBuffer()", PyObject_Call((PyObject *)&PyPickleBuffer_Type, none_args, NULL));
    PyObject *one_arg = PyTuple_Pack(1, data);
    PyObject *pb2 = PyObject_Call((PyObject *)&PyPickleBuffer_Type, one_arg, NULL);
    show("PickleBuffer(b) by type, raw", pb2 ? PyObject_CallMethod(PyObject_CallMethod(pb2, "raw", NULL), "tobytes", NULL) : NULL);
    Py_XDECREF(pb2);
    Py_DECREF(one_arg);
    Py_DECREF(none_args);
    Py_DECREF(pbuf);
    Py_DECREF(data);

    show_int("allocator name set", _PyMem_GetCurrentAllocatorName() != NULL);
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &saved_mem);
    PyMemAllocatorEx hook = {NULL, hook_malloc, hook_calloc, hook_realloc, hook_free};
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &hook);
    void *p = PyMem_Malloc(100);
    void *q = PyMem_Calloc(3, 8);
    PyMem_Free(p);
    PyMem_Free(q);
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &saved_mem);
    show_int("hooked mallocs", hook_mallocs);
    show_int("hooked frees", hook_frees);
    show_int("allocator name after a hook", _PyMem_GetCurrentAllocatorName() != NULL);
    p = PyMem_Malloc(10);
    PyMem_Free(p);
    show_int("hook removed", hook_mallocs);
    PyMemAllocatorEx raw_alloc;
    PyMem_GetAllocator(PYMEM_DOMAIN_RAW, &raw_alloc);
    void *r = raw_alloc.malloc(raw_alloc.ctx, 16);
    show_int("raw allocator works", r != NULL);
    raw_alloc.free(raw_alloc.ctx, r);

    Accu acc;
    show_int("_PyAccu_Init", _PyAccu_Init(&acc));
    PyObject *nothing = _PyAccu_FinishAsList(&acc);
    show_int("FinishAsList of nothing is NULL", nothing == NULL && !PyErr_Occurred());
    _PyAccu_Init(&acc);
    for (int i = 0; i < 5; i++) {
        PyObject *piece = PyUnicode_FromFormat("<%d>", i);
        _PyAccu_Accumulate(&acc, piece);
        Py_DECREF(piece);
    }
    show("_PyAccu_Finish", _PyAccu_Finish(&acc));
    _PyAccu_Init(&acc);
    PyObject *x = PyUnicode_FromString("x");
    _PyAccu_Accumulate(&acc, x);
    _PyAccu_Accumulate(&acc, x);
    show("_PyAccu_FinishAsList", _PyAccu_FinishAsList(&acc));
    _PyAccu_Init(&acc);
    _PyAccu_Accumulate(&acc, x);
    _PyAccu_Destroy(&acc);
    show_int("_PyAccu_Destroy", acc.small == NULL && acc.large == NULL);
    Py_DECREF(x);

    PyObject *var = PyContextVar_New("var", NULL);
    PyObject *dvar = PyContextVar_New("dvar", Py_True);
    show_str("ContextVar type", Py_TYPE(var)->tp_name);
    show_int("PyContextVar_CheckExact", PyContextVar_CheckExact(var));
    show("var.name", PyObject_GetAttrString(var, "name"));
    PyObject *val = (PyObject *)1;
    show_int("Get (unset)", PyContextVar_Get(var, NULL, &val));
    show_int("  value is NULL", val == NULL);
    PyContextVar_Get(var, Py_False, &val);
    show("Get with default", val);
    PyContextVar_Get(dvar, NULL, &val);
    show("Get of var with default", val);
    show("var.get() unset", PyObject_CallMethod(var, "get", NULL));
    PyObject *ctx0 = PyContext_CopyCurrent();
    show_str("Context type", ctx0 ? Py_TYPE(ctx0)->tp_name : "<NULL>");
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PyObject *tok = PyContextVar_Set(var, one);
    show_str("Token type", tok ? Py_TYPE(tok)->tp_name : "<NULL>");
    PyContextVar_Get(var, NULL, &val);
    show("Get after set", val);
    show("token.var is var", PyBool_FromLong(PyObject_GetAttrString(tok, "var") == var));
    show("token.old_value", PyObject_GetAttrString(tok, "old_value"));
    PyObject *tok2 = PyContextVar_Set(var, two);
    show("token2.old_value", PyObject_GetAttrString(tok2, "old_value"));
    PyObject *ctx1 = PyContext_CopyCurrent();
    show_int("len(copy)", PyObject_Size(ctx1));
    show("copy[var]", PyObject_GetItem(ctx1, var));
    show_int("var in copy", PySequence_Contains(ctx1, var));
    show_int("dvar in copy", PySequence_Contains(ctx1, dvar));
    show("copy[dvar]", PyObject_GetItem(ctx1, dvar));
    show("copy[1]", PyObject_GetItem(ctx1, one));
    show("copy.get(dvar, 5)", PyObject_CallMethod(ctx1, "get", "OO", dvar, one));
    show("old snapshot [var]", PyObject_GetItem(ctx0, var));
    show_int("Reset(token2)", PyContextVar_Reset(var, tok2));
    PyContextVar_Get(var, NULL, &val);
    show("Get after reset", val);
    show_int("Reset(token2) again", PyContextVar_Reset(var, tok2));
    show_int("Reset(dvar, token)", PyContextVar_Reset(dvar, tok));
    show_int("copy unchanged by reset", PyObject_Size(ctx1));
    show_int("Enter(copy)", PyContext_Enter(ctx1));
    show_int("Enter(copy) again", PyContext_Enter(ctx1));
    PyContextVar_Set(var, Py_None);
    PyContextVar_Get(var, NULL, &val);
    show("Get inside the entered copy", val);
    show_int("Exit(ctx0) (not entered)", PyContext_Exit(ctx0));
    show_int("Exit(copy)", PyContext_Exit(ctx1));
    PyContextVar_Get(var, NULL, &val);
    show("Get after exit", val);
    show("copy.run(var.get)", PyObject_CallMethod(ctx1, "run", "O", PyObject_GetAttrString(var, "get")));
    show_int("Reset(token) in the original", PyContextVar_Reset(var, tok));
    PyContextVar_Get(var, NULL, &val);
    show_int("Get after resetting to unset", val == NULL);
    show_int("Get(not a var)", PyContextVar_Get(one, NULL, &val));
    show("Set(not a var)", PyContextVar_Set(one, one));
    show("PyContextVar_New(bad utf-8)", PyContextVar_New("\xff", NULL));
    show("Context()", PyObject_CallNoArgs((PyObject *)&PyContext_Type));
    show("Context(1)", PyObject_CallOneArg((PyObject *)&PyContext_Type, one));
    show("token.old_value after reset", PyObject_GetAttrString(tok, "old_value"));
    PyObject *missing = PyObject_GetAttrString((PyObject *)&PyContextToken_Type, "MISSING");
    show("Token.MISSING", missing);
    PyObject *ctxnew = PyContext_New();
    show_int("len(PyContext_New())", PyObject_Size(ctxnew));
    Py_XDECREF(ctxnew);
    Py_DECREF(tok);
    Py_DECREF(tok2);
    Py_DECREF(ctx0);
    Py_DECREF(ctx1);
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(var);
    Py_DECREF(dvar);
}

static void small_globals(void) {
    show_int("_Py_IsFinalizing", _Py_IsFinalizing());
    show_int("Py_OptimizeFlag", Py_OptimizeFlag);
    show_int("PyOS_InputHook is NULL", PyOS_InputHook == NULL);
    PyObject *name = PyUnicode_FromString("capi_support_mod");
    PyObject *m = PyModule_New("capi_support_mod");
    show_int("_PyImport_SetModule", _PyImport_SetModule(name, m));
    PyObject *got = PyImport_GetModule(name);
    show_int("  in sys.modules", got == m);
    Py_XDECREF(got);
    _Py_IDENTIFIER(capi_support_mod);
    got = _PyImport_GetModuleId(&PyId_capi_support_mod);
    show_int("_PyImport_GetModuleId", got == m);
    Py_XDECREF(got);
    _Py_IDENTIFIER(no_such_module_here);
    got = _PyImport_GetModuleId(&PyId_no_such_module_here);
    show_int("_PyImport_GetModuleId(missing) is NULL", got == NULL);
    Py_DECREF(m);
    Py_DECREF(name);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        Py_FatalError("deliberately");
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    show_int("Py_FatalError aborts", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

/* The fileutils functions CPython's modules use (declared in its internal headers). */
struct stat;
extern int _Py_open(const char *, int);
extern int _Py_open_noraise(const char *, int);
extern Py_ssize_t _Py_read(int, void *, size_t);
extern Py_ssize_t _Py_write(int, const void *, size_t);
extern Py_ssize_t _Py_write_noraise(int, const void *, size_t);
extern int _Py_dup(int);
extern int _Py_fstat(int, struct stat *);
extern int _Py_fstat_noraise(int, struct stat *);
extern int _Py_set_inheritable(int, int, int *);
extern int _Py_set_inheritable_async_safe(int, int, int *);
extern FILE *_Py_fopen_obj(PyObject *, const char *);

static int cloexec(int fd) { return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0; }

static void fileutils_checks(void) {
    const char *path = "/tmp/capi_support_fileutils.txt";
    int fd = _Py_open(path, O_RDWR | O_CREAT | O_TRUNC);
    show_int("_Py_open", fd >= 0);
    show_int("  non-inheritable", cloexec(fd));
    show_int("_Py_write", _Py_write(fd, "hello", 5));
    lseek(fd, 0, SEEK_SET);
    char buf[100] = {0};
    show_int("_Py_read", _Py_read(fd, buf, sizeof buf - 1));
    show_str("  read", buf);
    struct stat st;
    show_int("_Py_fstat", _Py_fstat(fd, &st));
    show_int("  st_size", (long long)st.st_size);
    int fd2 = _Py_dup(fd);
    show_int("_Py_dup non-inheritable", fd2 >= 0 && cloexec(fd2));
    show_int("_Py_set_inheritable(1)", _Py_set_inheritable(fd2, 1, NULL));
    show_int("  inheritable", !cloexec(fd2));
    show_int("_Py_set_inheritable_async_safe(0)", _Py_set_inheritable_async_safe(fd2, 0, NULL));
    show_int("  non-inheritable again", cloexec(fd2));
    close(fd2);
    close(fd);
    show_int("_Py_read(-1)", _Py_read(-1, buf, 1));
    show_int("_Py_write(-1)", _Py_write(-1, buf, 1));
    errno = 0;
    Py_ssize_t w = _Py_write_noraise(-1, buf, 1);
    show_int("_Py_write_noraise(-1) EBADF", w == -1 && errno == EBADF);
    show_int("_Py_open(missing)", _Py_open("/nonexistent/capi_support", O_RDONLY));
    errno = 0;
    int r = _Py_open_noraise("/nonexistent/capi_support", O_RDONLY);
    show_int("_Py_open_noraise(missing) ENOENT", r == -1 && errno == ENOENT);
    show_int("_Py_fstat(-1)", _Py_fstat(-1, &st));
    show_int("_Py_fstat_noraise(-1)", _Py_fstat_noraise(-1, &st));
    show_int("_Py_dup(-1)", _Py_dup(-1));
    show_int("_Py_set_inheritable(-1)", _Py_set_inheritable(-1, 1, NULL));
    PyObject *p = PyUnicode_FromString(path);
    FILE *f = _Py_fopen_obj(p, "rb");
    show_int("_Py_fopen_obj", f != NULL);
    if (f) {
        memset(buf, 0, sizeof buf);
        show_int("  fread", (long long)fread(buf, 1, sizeof buf - 1, f));
        show_str("  content", buf);
        show_int("  non-inheritable", cloexec(fileno(f)));
        fclose(f);
    }
    Py_DECREF(p);
    PyObject *missing = PyUnicode_FromString("/nonexistent/capi_support");
    show_int("_Py_fopen_obj(missing)", _Py_fopen_obj(missing, "rb") == NULL);
    Py_DECREF(missing);
    show_int("_Py_fopen_obj(int)", _Py_fopen_obj(Py_None, "rb") == NULL);
    unlink(path);
}

static void handler_one(int sig) { (void)sig; }

static void os_and_marshal(void) {
    const char *path = "/tmp/capi_support_marshal.bin";
    FILE *f = fopen(path, "wb");
    PyMarshal_WriteLongToFile(-123456, f, 4);
    PyMarshal_WriteLongToFile(0x1020304, f, 4);
    PyObject *obj = Py_BuildValue("(is[d]{s:O})", 7, "text", 2.5, "k", Py_None);
    PyMarshal_WriteObjectToFile(obj, f, 4);
    PyMarshal_WriteObjectToFile(obj, f, 2);
    fputc(0xff, f);
    fputc(0x7f, f);
    fclose(f);
    f = fopen(path, "rb");
    show_int("ReadLongFromFile", PyMarshal_ReadLongFromFile(f));
    show_int("ReadLongFromFile", PyMarshal_ReadLongFromFile(f));
    show("ReadObjectFromFile", PyMarshal_ReadObjectFromFile(f));
    show("ReadObjectFromFile (version 2)", PyMarshal_ReadObjectFromFile(f));
    show_int("ReadShortFromFile", PyMarshal_ReadShortFromFile(f));
    show_int("ReadShortFromFile at EOF", PyMarshal_ReadShortFromFile(f));
    show_int("ReadLongFromFile at EOF", PyMarshal_ReadLongFromFile(f));
    show("ReadObjectFromFile at EOF", PyMarshal_ReadObjectFromFile(f));
    fclose(f);
    f = fopen(path, "rb");
    fseek(f, 8, SEEK_SET);
    show("ReadLastObjectFromFile (trailing data)", PyMarshal_ReadLastObjectFromFile(f));
    fclose(f);
    f = fopen(path, "wb");
    PyMarshal_WriteObjectToFile(obj, f, 4);
    fclose(f);
    f = fopen(path, "rb");
    show("ReadLastObjectFromFile", PyMarshal_ReadLastObjectFromFile(f));
    fclose(f);
    /* What is written of an object marshal cannot write differs (CPython writes up to the
       failure); only that nothing is raised is checked. */
    f = fopen(path, "wb");
    PyObject *bad = PyModule_New("unmarshallable");
    PyMarshal_WriteObjectToFile(bad, f, 4);
    show_int("WriteObjectToFile(module) raises nothing", PyErr_Occurred() == NULL);
    PyErr_Clear();
    Py_DECREF(bad);
    fclose(f);
    unlink(path);
    Py_DECREF(obj);

    PyOS_sighandler_t old = PyOS_setsig(SIGUSR2, handler_one);
    show_int("PyOS_setsig returns the old handler", old == SIG_DFL);
    show_int("PyOS_getsig", PyOS_getsig(SIGUSR2) == handler_one);
    show_int("PyOS_setsig back", PyOS_setsig(SIGUSR2, SIG_DFL) == handler_one);
    show_int("PyOS_setsig(bad signal)", PyOS_setsig(12345, SIG_DFL) == SIG_ERR);
    PyOS_BeforeFork();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        PyOS_AfterFork_Child();
        PyObject *x = PyLong_FromLong(5);
        _exit(x && PyThreadState_Get() != NULL ? 7 : 1);
    }
    PyOS_AfterFork_Parent();
    int status = 0;
    waitpid(pid, &status, 0);
    show_int("child after PyOS_AfterFork_Child", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    PyStatus ok = PyStatus_Ok(), err = PyStatus_Error("broken"), ex = PyStatus_Exit(3);
    show_int("PyStatus_Exception(ok)", PyStatus_Exception(ok));
    show_int("PyStatus_Exception(error)", PyStatus_Exception(err));
    show_int("PyStatus_Exception(exit)", PyStatus_Exception(ex));
    fflush(stdout);
    pid = fork();
    if (pid == 0) Py_ExitStatusException(ex);
    waitpid(pid, &status, 0);
    show_int("Py_ExitStatusException(exit 3)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        Py_ExitStatusException(err);
    }
    waitpid(pid, &status, 0);
    show_int("Py_ExitStatusException(error) exit status", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    show_int("PyThreadState_GetFrame (no Python frame)", PyThreadState_GetFrame(PyThreadState_Get()) == NULL);
    show_int("PyOS_ReadlineFunctionPointer is NULL", PyOS_ReadlineFunctionPointer == NULL);
    int dummy;
    show_int("PyTraceMalloc_Track (not tracing)", PyTraceMalloc_Track(0, (uintptr_t)&dummy, 4));
    show_int("PyTraceMalloc_Untrack (not tracing)", PyTraceMalloc_Untrack(0, (uintptr_t)&dummy));
}

extern int _Py_Uid_Converter(PyObject *, uid_t *);
extern int _Py_Gid_Converter(PyObject *, gid_t *);

static void id_converters(void) {
    const char *vals[] = {"0", "1000", "-1", "-2", "4294967294", "4294967295", "4294967296", "9223372036854775808",
                          "18446744073709551615", "-9223372036854775809", "100000000000000000000000"};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        PyObject *o = PyLong_FromString(vals[i], NULL, 10);
        uid_t u = 77;
        gid_t g = 77;
        char label[80];
        snprintf(label, sizeof label, "_Py_Uid_Converter(%s)", vals[i]);
        int r = _Py_Uid_Converter(o, &u);
        n_checks++;
        printf("%s: %d %u", label, r, (unsigned)u);
        if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
        snprintf(label, sizeof label, "_Py_Gid_Converter(%s)", vals[i]);
        r = _Py_Gid_Converter(o, &g);
        n_checks++;
        printf("%s: %d %u", label, r, (unsigned)g);
        if (PyErr_Occurred()) { printf(" "); print_error(); } else printf("\n");
        Py_DECREF(o);
    }
    uid_t u = 0;
    PyObject *s = PyUnicode_FromString("root");
    show_int("_Py_Uid_Converter(str)", _Py_Uid_Converter(s, &u));
    PyObject *fl = PyFloat_FromDouble(1.0);
    show_int("_Py_Gid_Converter(float)", _Py_Gid_Converter(fl, &u));
    Py_DECREF(s);
    Py_DECREF(fl);
}

static void decode_locale(void) {
    const char *inputs[] = {"plain", "caf\xc3\xa9", "bad\xff\xfe", "\xe2\x82", "\xf0\x9f\x98\x80!", ""};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t n = 99;
        wchar_t *w = Py_DecodeLocale(inputs[i], &n);
        n_checks++;
        printf("Py_DecodeLocale #%zu: len %zu:", i, n);
        for (size_t j = 0; w && j < n; j++) printf(" %x", (unsigned)w[j]);
        printf(" | NUL %d\n", w ? w[n] == 0 : -1);
        PyMem_RawFree(w);
    }
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    Py_Initialize();
    clinic();
    double_to_string();
    string_to_double();
    strtol_checks();
    ctype_checks();
    objects_and_calls();
    time_checks();
    instancemethod_checks();
    thread_checks();
    more_checks();
    small_globals();
    fileutils_checks();
    os_and_marshal();
    id_converters();
    decode_locale();
    printf("checks: %d\n", n_checks);
    return 0;
}
