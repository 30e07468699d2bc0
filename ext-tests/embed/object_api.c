/* Object-API checks for an embedding program. Built against the host's CPython 3.11
 * headers and linked twice: against CPython's libpython3.11.so (the oracle) and against
 * Ferric's. Both runs must print the same lines. Nothing printed may depend on addresses
 * or on reference counts of mortal objects. Run with PYTHONHASHSEED=0. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <structmember.h>
#include <stdio.h>
#include <string.h>

static int n_checks = 0;

/* Prints the pending exception as "Type: message" and clears it. */
static void print_error(void) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = v ? PyObject_Str(v) : NULL;
    const char *msg = s ? PyUnicode_AsUTF8(s) : "?";
    /* CPython's PyErr_BadInternalCall names its own source file and line: drop them. */
    const char *bad = strstr(msg, "bad argument to internal function");
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
    if (PyErr_Occurred()) {
        printf("<result with pending error> ");
        print_error();
        Py_DECREF(o);
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

static void show_double(const char *name, double d) {
    n_checks++;
    printf("%s: %.17g\n", name, d);
    if (PyErr_Occurred()) print_error();
}

static PyObject *S(const char *s) { return PyUnicode_FromString(s); }
static PyObject *I(long v) { return PyLong_FromLong(v); }

static PyObject *tuple2(PyObject *a, PyObject *b) {
    PyObject *t = PyTuple_New(2);
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, b);
    return t;
}

static void singletons(void) {
    show_str("None type", Py_TYPE(Py_None)->tp_name);
    show_str("True type", Py_TYPE(Py_True)->tp_name);
    show_str("NotImplemented type", Py_TYPE(Py_NotImplemented)->tp_name);
    show("None repr", Py_NewRef(Py_None));
    show("True repr", Py_NewRef(Py_True));
    show("False repr", Py_NewRef(Py_False));
    show("NotImplemented repr", Py_NewRef(Py_NotImplemented));
    show_int("None is falsy", PyObject_IsTrue(Py_None));
    show_int("True is truthy", PyObject_IsTrue(Py_True));
    show_int("True is int", PyLong_Check(Py_True));
    show_int("True is exact int", PyLong_CheckExact(Py_True));
    show_int("True ob_size", Py_SIZE(Py_True));
    show_int("True digit", ((PyLongObject *)Py_True)->ob_digit[0]);
    show_int("bool subtype of int", PyType_IsSubtype(&PyBool_Type, &PyLong_Type));
    show_int("True == 1", PyObject_RichCompareBool(Py_True, I(1), Py_EQ));
    show_int("hash(True)", PyObject_Hash(Py_True));
}

static void ints(void) {
    PyObject *small = I(7), *small2 = I(7);
    show_int("small int cache", small == small2);
    Py_DECREF(small);
    Py_DECREF(small2);
    show("int 0", I(0));
    show("int -5", I(-5));
    show("int 257", I(257));
    show_int("int LONG_MAX", LONG_MAX);
    show_int("int LONG_MIN", LONG_MIN);
    show("int ULLONG_MAX", PyLong_FromUnsignedLongLong(ULLONG_MAX));
    show("int from ssize_t", PyLong_FromSsize_t(-123456789012345LL));
    PyObject *big = PyLong_FromUnsignedLongLong(ULLONG_MAX);
    show_int("ULLONG_MAX ob_size", Py_SIZE(big));
    show_int("ULLONG_MAX digit0", ((PyLongObject *)big)->ob_digit[0]);
    show_int("ULLONG_MAX digit2", ((PyLongObject *)big)->ob_digit[2]);
    show_int("AsLong(ULLONG_MAX)", PyLong_AsLong(big));
    int overflow = 0;
    long r = PyLong_AsLongAndOverflow(big, &overflow);
    show_int("AsLongAndOverflow value", r);
    show_int("AsLongAndOverflow flag", overflow);
    show_int("AsUnsignedLongLong(ULLONG_MAX)", (long long)PyLong_AsUnsignedLongLong(big) == -1);
    show_int("AsUnsignedLongMask", (long long)(PyLong_AsUnsignedLongMask(big) & 0xffff));
    Py_DECREF(big);
    PyObject *neg = I(-3);
    show_int("AsUnsignedLong(-3)", (long long)PyLong_AsUnsignedLong(neg));
    show_int("AsSize_t(-3)", (long long)PyLong_AsSize_t(neg));
    show_int("ob_size of -3", Py_SIZE(neg));
    Py_DECREF(neg);
    show_int("hash(-1)", PyObject_Hash(I(-1)));
    show_int("hash(2**61)", PyObject_Hash(PyLong_FromLongLong(1LL << 61)));
    show_int("hash(-2**62)", PyObject_Hash(PyLong_FromLongLong(-(1LL << 62))));
    show("add", PyNumber_Add(I(40), I(2)));
    show("sub", PyNumber_Subtract(I(2), I(40)));
    show("mul", PyNumber_Multiply(I(1 << 30), I(1 << 30)));
    show("mul to 2**64", PyNumber_Multiply(PyLong_FromLongLong(1LL << 62), I(4)));
    show("neg", PyNumber_Negative(I(5)));
    show("abs", PyNumber_Absolute(I(-5)));
    show("index", PyNumber_Index(I(9)));
    show("int + str", PyNumber_Add(I(1), S("a")));
    show("neg of str", PyNumber_Negative(S("a")));
    show("int < int", PyObject_RichCompare(I(1), I(2), Py_LT));
    show("int >= int", PyObject_RichCompare(I(-1), I(-2), Py_GE));
    show("int < str", PyObject_RichCompare(I(1), S("x"), Py_LT));
    show("int == str", PyObject_RichCompare(I(1), S("x"), Py_EQ));
    show("int('42')", PyObject_CallOneArg((PyObject *)&PyLong_Type, S("42")));
    show("int(' -1_000 ')", PyObject_CallOneArg((PyObject *)&PyLong_Type, S(" -1_000 ")));
    show("int('abc')", PyObject_CallOneArg((PyObject *)&PyLong_Type, S("abc")));
    show("int('0x1f', 0)", PyObject_Call((PyObject *)&PyLong_Type, tuple2(S("0x1f"), I(0)), NULL));
    show("int('z', 36)", PyObject_Call((PyObject *)&PyLong_Type, tuple2(S("z"), I(36)), NULL));
    show("int('1', 99)", PyObject_Call((PyObject *)&PyLong_Type, tuple2(S("1"), I(99)), NULL));
    show("int(2.9)", PyObject_CallOneArg((PyObject *)&PyLong_Type, PyFloat_FromDouble(2.9)));
    show("int(-1e20)", PyObject_CallOneArg((PyObject *)&PyLong_Type, PyFloat_FromDouble(-1e20)));
    show("int(None)", PyObject_CallOneArg((PyObject *)&PyLong_Type, Py_NewRef(Py_None)));
    show("PyLong_FromDouble(1e19)", PyLong_FromDouble(1e19));
    show("PyLong_FromString", PyLong_FromString("  123", NULL, 10));
    show_double("AsDouble(2**53+1)", PyLong_AsDouble(PyLong_FromLongLong((1LL << 53) + 1)));
    show_int("PyIndex_Check(int)", PyIndex_Check(I(1)));
    show_int("PyIndex_Check(float)", PyIndex_Check(PyFloat_FromDouble(1.0)));
    show_int("AsSsize_t(float)", PyLong_AsSsize_t(PyFloat_FromDouble(1.0)));
}

static void floats(void) {
    double vals[] = {0.1, 1.5, -0.0, 1e16, 1e15, 123456789.125, 1e-5, 0.0001, 5e-324, 1.7976931348623157e308, 2.5e-7, 100.0};
    char name[64];
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        snprintf(name, sizeof name, "float repr %zu", i);
        show(name, PyFloat_FromDouble(vals[i]));
    }
    show("float inf", PyFloat_FromDouble(1.0 / 0.0));
    show("float -inf", PyFloat_FromDouble(-1.0 / 0.0));
    PyObject *f = PyFloat_FromDouble(2.75);
    show_double("PyFloat_AS_DOUBLE", PyFloat_AS_DOUBLE(f));
    show_int("hash(2.75)", PyObject_Hash(f));
    show_int("hash(2.0) == hash(2)", PyObject_Hash(PyFloat_FromDouble(2.0)) == PyObject_Hash(I(2)));
    show_int("hash(-0.5)", PyObject_Hash(PyFloat_FromDouble(-0.5)));
    show_int("hash(1e300)", PyObject_Hash(PyFloat_FromDouble(1e300)));
    show_int("hash(inf)", PyObject_Hash(PyFloat_FromDouble(1.0 / 0.0)));
    show("float + int", PyNumber_Add(f, I(1)));
    show("int * float", PyNumber_Multiply(I(3), f));
    show("float / 0", PyNumber_TrueDivide(f, PyFloat_FromDouble(0.0)));
    show("float == int", PyObject_RichCompare(PyFloat_FromDouble(3.0), I(3), Py_EQ));
    show("float < big int", PyObject_RichCompare(PyFloat_FromDouble(1e19), PyLong_FromUnsignedLongLong(ULLONG_MAX), Py_LT));
    show("float('1.5')", PyObject_CallOneArg((PyObject *)&PyFloat_Type, S("1.5")));
    show("float(' 1_0.5 ')", PyObject_CallOneArg((PyObject *)&PyFloat_Type, S(" 1_0.5 ")));
    show("float('-inf')", PyObject_CallOneArg((PyObject *)&PyFloat_Type, S("-inf")));
    show("float('x')", PyObject_CallOneArg((PyObject *)&PyFloat_Type, S("x")));
    show("float(7)", PyObject_CallOneArg((PyObject *)&PyFloat_Type, I(7)));
    show_double("PyFloat_AsDouble(int)", PyFloat_AsDouble(I(12)));
    show_double("PyFloat_AsDouble(str)", PyFloat_AsDouble(S("1")));
    Py_DECREF(f);
}

static void strings(void) {
    PyObject *a = S("hello"), *u = S("h\xc3\xa9llo"), *w = S("\xe2\x82\xac"), *e = S("\xf0\x9f\x98\x80");
    show_int("ascii kind", PyUnicode_KIND(a));
    show_int("latin1 kind", PyUnicode_KIND(u));
    show_int("bmp kind", PyUnicode_KIND(w));
    show_int("astral kind", PyUnicode_KIND(e));
    show_int("ascii IS_ASCII", PyUnicode_IS_ASCII(a));
    show_int("latin1 IS_ASCII", PyUnicode_IS_ASCII(u));
    show_int("IS_COMPACT", PyUnicode_IS_COMPACT(u));
    show_int("length", PyUnicode_GET_LENGTH(u));
    show_int("READ_CHAR 1", PyUnicode_READ_CHAR(u, 1));
    show_int("DATA[1] 1-byte", ((Py_UCS1 *)PyUnicode_DATA(u))[1]);
    show_int("DATA[0] 2-byte", ((Py_UCS2 *)PyUnicode_DATA(w))[0]);
    show_int("DATA[0] 4-byte", ((Py_UCS4 *)PyUnicode_DATA(e))[0]);
    show_int("ascii DATA is after header", (char *)PyUnicode_DATA(a) - (char *)a == sizeof(PyASCIIObject));
    show_int("compact DATA is after header", (char *)PyUnicode_DATA(u) - (char *)u == sizeof(PyCompactUnicodeObject));
    show_str("AsUTF8 latin1", PyUnicode_AsUTF8(u));
    Py_ssize_t n = 0;
    PyUnicode_AsUTF8AndSize(e, &n);
    show_int("AsUTF8AndSize astral", n);
    show("repr ascii", Py_NewRef(a));
    show("repr quotes", S("it's"));
    show("repr both quotes", S("it's \"x\""));
    show("repr controls", S("a\tb\nc\\d\x01\x7f"));
    show("repr latin1", Py_NewRef(u));
    show("repr nbsp", S("\xc2\xa0"));
    show("repr euro", Py_NewRef(w));
    show("repr emoji", Py_NewRef(e));
    show("repr lone surrogate", PyUnicode_FromOrdinal(0xd800));
    show("repr U+2028", PyUnicode_FromOrdinal(0x2028));
    show("repr U+E000", PyUnicode_FromOrdinal(0xe000));
    show_int("hash('hello')", PyObject_Hash(a));
    show_int("hash('h\xc3\xa9llo')", PyObject_Hash(u));
    show_int("hash(euro)", PyObject_Hash(w));
    show_int("hash('')", PyObject_Hash(S("")));
    show("concat", PyUnicode_Concat(a, u));
    show("concat int", PyUnicode_Concat(a, I(1)));
    show("str + str", PyNumber_Add(a, w));
    show("str + int", PyNumber_Add(a, I(1)));
    show_int("compare", PyUnicode_Compare(a, u));
    show_int("compare ascii", PyUnicode_CompareWithASCIIString(a, "hello"));
    show_int("'ell' in 'hello'", PySequence_Contains(a, S("ell")));
    show_int("1 in 'hello'", PySequence_Contains(a, I(1)));
    show_int("len('hello')", PyObject_Size(a));
    show("str < str", PyObject_RichCompare(a, u, Py_LT));
    show("str(1.5)", PyObject_Str(PyFloat_FromDouble(1.5)));
    show("str('x')", PyObject_CallOneArg((PyObject *)&PyUnicode_Type, S("x")));
    show("ascii()", PyObject_ASCII(u));
    PyObject *i1 = PyUnicode_InternFromString("ferric_interned"), *i2 = PyUnicode_InternFromString("ferric_interned");
    show_int("interned identity", i1 == i2);
    show("FromStringAndSize bad utf8", PyUnicode_FromStringAndSize("a\xff", 2));
    show("FromStringAndSize truncated", PyUnicode_FromStringAndSize("\xe2\x82", 2));
    show("FromStringAndSize negative", PyUnicode_FromStringAndSize("a", -1));
    show("FromOrdinal(0x110000)", PyUnicode_FromOrdinal(0x110000));
    show("FromKindAndData", PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, (Py_UCS2[]){0x41, 0x20ac}, 2));
    show_str("AsUTF8 surrogate", PyUnicode_AsUTF8(PyUnicode_FromOrdinal(0xdc80)));
    Py_DECREF(a);
    Py_DECREF(u);
    Py_DECREF(w);
    Py_DECREF(e);
}

static void tuples(void) {
    PyObject *t = PyTuple_New(3);
    PyTuple_SET_ITEM(t, 0, I(1));
    PyTuple_SET_ITEM(t, 1, S("two"));
    PyTuple_SET_ITEM(t, 2, PyFloat_FromDouble(3.0));
    show("tuple repr", Py_NewRef(t));
    show_int("PyTuple_GET_SIZE", PyTuple_GET_SIZE(t));
    show("PyTuple_GET_ITEM", Py_NewRef(PyTuple_GET_ITEM(t, 1)));
    show("PyTuple_GetItem out of range", Py_XNewRef(PyTuple_GetItem(t, 5)));
    show("GetSlice", PyTuple_GetSlice(t, 1, 10));
    show_int("hash((1,'two',3.0))", PyObject_Hash(t));
    show_int("hash(())", PyObject_Hash(PyTuple_New(0)));
    show_int("empty tuple singleton", PyTuple_New(0) == PyTuple_New(0));
    show("one-tuple repr", tuple2(I(1), I(2)));
    PyObject *one = PyTuple_New(1);
    PyTuple_SET_ITEM(one, 0, I(1));
    show("1-tuple repr", one);
    show("tuple < tuple", PyObject_RichCompare(tuple2(I(1), I(2)), tuple2(I(1), I(3)), Py_LT));
    show("tuple == tuple", PyObject_RichCompare(tuple2(I(1), S("a")), tuple2(I(1), S("a")), Py_EQ));
    show("tuple < mixed", PyObject_RichCompare(tuple2(I(1), I(2)), tuple2(I(1), S("x")), Py_LT));
    show_int("in tuple", PySequence_Contains(t, S("two")));
    show("seq getitem -1", PySequence_GetItem(t, -1));
    show("getitem index", PyObject_GetItem(t, I(0)));
    show("getitem str", PyObject_GetItem(t, S("a")));
    show("setitem tuple", PyObject_SetItem(t, I(0), I(1)) < 0 ? NULL : Py_NewRef(Py_None));
    show_int("unhashable in tuple", PyObject_Hash(tuple2(I(1), PyList_New(0))));
    show_int("tp_basicsize tuple", PyTuple_Type.tp_basicsize);
    show_int("tp_itemsize tuple", PyTuple_Type.tp_itemsize);
    show("PySequence_Tuple(list)", PySequence_Tuple(PyList_New(0)));
    Py_DECREF(t);
}

static void lists(void) {
    PyObject *l = PyList_New(0);
    for (int i = 0; i < 17; i++) {
        PyObject *v = I(i * 7 % 5);
        PyList_Append(l, v);
        Py_DECREF(v);
        if (i == 0 || i == 4 || i == 8 || i == 16) {
            char name[64];
            snprintf(name, sizeof name, "allocated after %d appends", i + 1);
            show_int(name, ((PyListObject *)l)->allocated);
        }
    }
    show("list repr", Py_NewRef(l));
    show_int("PyList_GET_SIZE", PyList_GET_SIZE(l));
    show("PyList_GET_ITEM", Py_NewRef(PyList_GET_ITEM(l, 3)));
    show_int("Sort", PyList_Sort(l));
    show("sorted", Py_NewRef(l));
    show_int("Reverse", PyList_Reverse(l));
    show("reversed", Py_NewRef(l));
    show_int("Insert at -1", PyList_Insert(l, -1, S("x")));
    show("after insert", Py_NewRef(l));
    show_int("Sort mixed", PyList_Sort(l));
    show("AsTuple", PyList_AsTuple(l));
    show("GetSlice", PyList_GetSlice(l, 2, 5));
    show_int("SetItem out of range", PyList_SetItem(l, 100, I(1)));
    show("GetItem out of range", Py_XNewRef(PyList_GetItem(l, 100)));
    show_int("del item", PyObject_DelItem(l, I(0)));
    show_int("set item -1", PyObject_SetItem(l, I(-1), S("last")));
    show("after set", Py_NewRef(l));
    show("getitem -100", PyObject_GetItem(l, I(-100)));
    PyObject *nested = PyList_New(0);
    PyList_Append(nested, nested);
    show("recursive list repr", Py_NewRef(nested));
    PyList_SetSlice(nested, 0, 1, NULL);
    Py_DECREF(nested);
    show("list == list", PyObject_RichCompare(l, PyList_AsTuple(l), Py_EQ));
    show_int("hash(list)", PyObject_Hash(l));
    show_int("tp_basicsize list", PyList_Type.tp_basicsize);
    Py_DECREF(l);
}

static void dicts(void) {
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "b", I(2));
    PyDict_SetItemString(d, "a", I(1));
    PyDict_SetItem(d, I(3), S("three"));
    PyDict_SetItem(d, PyFloat_FromDouble(3.0), S("float three"));
    PyDict_SetItem(d, tuple2(I(1), I(2)), Py_None);
    show("dict repr", Py_NewRef(d));
    show_int("PyDict_GET_SIZE", PyDict_GET_SIZE(d));
    show_int("PyDict_Size", PyDict_Size(d));
    show("GetItemString", Py_XNewRef(PyDict_GetItemString(d, "a")));
    show("GetItem missing", Py_XNewRef(PyDict_GetItem(d, S("zz"))));
    show("GetItemWithError unhashable", Py_XNewRef(PyDict_GetItemWithError(d, PyList_New(0))));
    show("SetItem unhashable", PyDict_SetItem(d, PyDict_New(), I(1)) < 0 ? NULL : Py_NewRef(Py_None));
    show("getitem missing", PyObject_GetItem(d, S("zz")));
    show("getitem missing tuple", PyObject_GetItem(d, tuple2(I(9), I(9))));
    show_int("DelItemString", PyDict_DelItemString(d, "b"));
    show_int("DelItemString missing", PyDict_DelItemString(d, "b"));
    PyDict_SetItemString(d, "b", I(22));
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &pos, &k, &v)) {
        show("Next key", Py_NewRef(k));
    }
    show("Keys", PyDict_Keys(d));
    show("Values", PyDict_Values(d));
    show("Items", PyDict_Items(d));
    show("Copy", PyDict_Copy(d));
    show_int("Contains", PyDict_Contains(d, I(3)));
    show("dict == copy", PyObject_RichCompare(d, PyDict_Copy(d), Py_EQ));
    show("dict < dict", PyObject_RichCompare(d, d, Py_LT));
    show_int("hash(dict)", PyObject_Hash(d));
    PyObject *d2 = PyDict_New();
    PyDict_SetItemString(d2, "a", I(100));
    PyDict_SetItemString(d2, "new", I(5));
    show_int("Merge no overwrite", PyDict_Merge(d, d2, 0));
    show("merged", Py_NewRef(d));
    show_int("Update", PyDict_Update(d, d2));
    show("updated", Py_NewRef(d));
    PyObject *big = PyDict_New();
    for (int i = 0; i < 1000; i++) {
        PyObject *key = I(i * 31);
        PyDict_SetItem(big, key, key);
        Py_DECREF(key);
    }
    for (int i = 0; i < 1000; i += 2) {
        PyObject *key = I(i * 31);
        PyDict_DelItem(big, key);
        Py_DECREF(key);
    }
    show_int("big dict size", PyDict_Size(big));
    show("big dict lookup", Py_XNewRef(PyDict_GetItem(big, I(31))));
    show("big dict deleted lookup", Py_XNewRef(PyDict_GetItem(big, I(62))));
    PyDict_Clear(big);
    show_int("cleared", PyDict_Size(big));
    Py_DECREF(big);
    show_int("tp_basicsize dict", PyDict_Type.tp_basicsize);
    Py_DECREF(d);
}

static void bytes_checks(void) {
    PyObject *b = PyBytes_FromStringAndSize("a'\x00\xff\n", 5);
    show("bytes repr", Py_NewRef(b));
    show_int("PyBytes_GET_SIZE", PyBytes_GET_SIZE(b));
    show_int("AS_STRING[3]", (unsigned char)PyBytes_AS_STRING(b)[3]);
    show_int("AS_STRING NUL", PyBytes_AS_STRING(b)[5]);
    show_int("hash(b'abc')", PyObject_Hash(PyBytes_FromString("abc")));
    show_int("hash(b'')", PyObject_Hash(PyBytes_FromString("")));
    show("bytes repr dq", PyBytes_FromString("it's"));
    char *s;
    Py_ssize_t n;
    show_int("AsStringAndSize NUL check", PyBytes_AsStringAndSize(b, &s, NULL));
    show_int("bytes index", PyLong_AsLong(PySequence_GetItem(b, 4)));
    show("bytes + bytes", PyNumber_Add(b, PyBytes_FromString("z")));
    show("bytes + str", PyNumber_Add(b, S("z")));
    show("bytes == bytes", PyObject_RichCompare(PyBytes_FromString("ab"), PyBytes_FromString("ab"), Py_EQ));
    show("bytes < bytes", PyObject_RichCompare(PyBytes_FromString("ab"), PyBytes_FromString("b"), Py_LT));
    show("PyBytes_AsString(str)", PyBytes_AsString(S("x")) ? Py_NewRef(Py_None) : NULL);
    show("str(bytes) via UTF8String", PyUnicode_AsUTF8String(S("h\xc3\xa9")));
    (void)n;
    Py_DECREF(b);
}

/* From internal/pycore_strhex.h, which Python.h does not include. */
PyAPI_FUNC(PyObject *) _Py_strhex(const char *, const Py_ssize_t);
PyAPI_FUNC(PyObject *) _Py_strhex_bytes_with_sep(const char *, const Py_ssize_t, const PyObject *, const int);

static void bytearray_checks(void) {
    PyObject *a = PyByteArray_FromStringAndSize("abc", 3);
    show("bytearray", Py_NewRef(a));
    show_int("PyByteArray_Size", PyByteArray_Size(a));
    show_int("PyByteArray_GET_SIZE", PyByteArray_GET_SIZE(a));
    show_int("AS_STRING[1]", PyByteArray_AS_STRING(a)[1]);
    show_int("AS_STRING NUL", PyByteArray_AsString(a)[3]);
    show_int("Resize 10", PyByteArray_Resize(a, 10));
    show_int("ob_alloc after resize", ((PyByteArrayObject *)a)->ob_alloc);
    show_int("Resize 2", PyByteArray_Resize(a, 2));
    show("after resize", Py_NewRef(a));
    show("Concat", PyByteArray_Concat(a, PyBytes_FromString("xy")));
    show("Concat int", PyByteArray_Concat(a, I(1)));
    show("FromObject list", PyByteArray_FromObject(Py_BuildValue("[iii]", 1, 2, 3)));
    show("empty AS_STRING", PyUnicode_FromString(PyByteArray_AS_STRING(PyByteArray_FromStringAndSize(NULL, 0))));
    Py_buffer view;
    show_int("GetBuffer", PyObject_GetBuffer(a, &view, PyBUF_FULL_RO));
    show_int("view.len", view.len);
    show_int("view.readonly", view.readonly);
    show_str("view.format", view.format);
    show_int("view.ndim", view.ndim);
    show_int("view.shape[0]", view.shape[0]);
    show_int("view.strides[0]", view.strides[0]);
    show_int("exports", ((PyByteArrayObject *)a)->ob_exports);
    show_int("resize while exported", PyByteArray_Resize(a, 50));
    print_error();
    show_int("IsContiguous C", PyBuffer_IsContiguous(&view, 'C'));
    show_int("IsContiguous F", PyBuffer_IsContiguous(&view, 'F'));
    char out[8] = {0};
    show_int("ToContiguous", PyBuffer_ToContiguous(out, &view, view.len, 'C'));
    show_str("ToContiguous data", out);
    PyBuffer_Release(&view);
    show_int("exports after release", ((PyByteArrayObject *)a)->ob_exports);
    PyObject *b = PyBytes_FromString("ro");
    show_int("GetBuffer writable bytes", PyObject_GetBuffer(b, &view, PyBUF_WRITABLE));
    print_error();
    show_int("GetBuffer str", PyObject_GetBuffer(S("s"), &view, PyBUF_SIMPLE));
    print_error();
    show_int("CheckBuffer bytes", PyObject_CheckBuffer(b));
    show_int("CheckBuffer int", PyObject_CheckBuffer(I(1)));
    show_int("SizeFromFormat i", PyBuffer_SizeFromFormat("i"));
    show_int("SizeFromFormat bq", PyBuffer_SizeFromFormat("bq"));
    show_int("SizeFromFormat <bq", PyBuffer_SizeFromFormat("<bq"));
    show_int("SizeFromFormat 3s", PyBuffer_SizeFromFormat("3sH"));
    show("FromObject", PyBytes_FromObject(a));
    show("FromObject int", PyBytes_FromObject(I(5)));
    PyObject *c = PyBytes_FromString("ab");
    PyBytes_Concat(&c, PyBytes_FromString("cd"));
    show("PyBytes_Concat", c);
    PyObject *c2 = PyBytes_FromString("ab");
    PyBytes_Concat(&c2, I(1));
    show_int("PyBytes_Concat fails", c2 == NULL);
    print_error();
    show("PyBytes_Repr smart", PyBytes_Repr(PyBytes_FromString("it's"), 1));
    show("PyBytes_Repr plain", PyBytes_Repr(PyBytes_FromString("it's"), 0));
    show("DecodeEscape", PyBytes_DecodeEscape("a\\n\\x41\\101\\q", 13, NULL, 0, NULL));
    show("DecodeEscape bad x", PyBytes_DecodeEscape("\\x4", 3, NULL, 0, NULL));
    show("DecodeEscape trailing", PyBytes_DecodeEscape("a\\", 2, NULL, 0, NULL));
    show("FromFormat", PyBytes_FromFormat("%d|%i|%u|%ld|%lu|%zd|%zu|%x|%c|%s|%.2s|%%|%5d", -1, 2, 3u, -4L, 5UL, (Py_ssize_t)-6, (size_t)7, 255, 'A', "str", "abc", 9));
    show("FromFormat lld", PyBytes_FromFormat("%lld %llu", -8LL, 9ULL));
    show("FromFormat prec 0", PyBytes_FromFormat("[%.0s|%10s|%p]", "whole", "w", NULL));
    show("FromFormat unknown", PyBytes_FromFormat("a%qb %d", 1));
    show("FromFormat c range", PyBytes_FromFormat("%c", 300));
    _PyBytesWriter w;
    _PyBytesWriter_Init(&w);
    char *p = _PyBytesWriter_Alloc(&w, 4);
    memcpy(p, "abcd", 4);
    p += 4;
    p = _PyBytesWriter_WriteBytes(&w, p, "efgh", 4);
    show("writer small", _PyBytesWriter_Finish(&w, p));
    _PyBytesWriter_Init(&w);
    w.overallocate = 1;
    p = _PyBytesWriter_Alloc(&w, 10);
    for (int i = 0; i < 100; i++) {
        p = _PyBytesWriter_Prepare(&w, p, 10);
        memcpy(p, "0123456789", 10);
        p += 10;
    }
    PyObject *big = _PyBytesWriter_Finish(&w, p);
    show_int("writer big len", PyBytes_GET_SIZE(big));
    show_int("writer big [995]", PyBytes_AS_STRING(big)[995]);
    Py_DECREF(big);
    _PyBytesWriter_Init(&w);
    w.use_bytearray = 1;
    p = _PyBytesWriter_Alloc(&w, 600);
    memset(p, 'z', 600);
    PyObject *wb = _PyBytesWriter_Finish(&w, p + 3);
    show("writer bytearray", wb);
    _PyBytesWriter_Init(&w);
    p = _PyBytesWriter_Alloc(&w, 0);
    show("writer empty", _PyBytesWriter_Finish(&w, p));
    char hay[] = "abcabc";
    show_int("_PyBytes_Find", _PyBytes_Find(hay, 6, "ca", 2, 10));
    show_int("_PyBytes_ReverseFind", _PyBytes_ReverseFind(hay, 6, "bc", 2, 10));
    show_int("_PyBytes_Find miss", _PyBytes_Find(hay, 6, "x", 1, 0));
    char rep[8] = {0};
    _PyBytes_Repeat(rep, 7, "xyz", 3);
    show_str("_PyBytes_Repeat", rep);
    show("_PyBytes_Join", _PyBytes_Join(PyBytes_FromString("-"), Py_BuildValue("[yy]", "a", "b")));
    static char mem[4] = "wxyz";
    PyObject *mv = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
    show("FromMemory tobytes", PyObject_CallMethod(mv, "tobytes", NULL));
    show_int("FromMemory set", PyObject_SetItem(mv, I(0), I(65)));
    show_str("FromMemory wrote", mem);
    show("FromMemory obj", PyObject_GetAttrString(mv, "obj"));
    show_int("MemoryView_Check", PyMemoryView_Check(mv));
    show_int("GET_BUFFER len", PyMemoryView_GET_BUFFER(mv)->len);
    Py_DECREF(mv);
    PyObject *ro = PyMemoryView_FromMemory(mem, 2, PyBUF_READ);
    show_int("FromMemory ro set", PyObject_SetItem(ro, I(0), I(65)));
    print_error();
    Py_DECREF(ro);
    PyObject *mo = PyMemoryView_FromObject(a);
    show("FromObject tolist", PyObject_CallMethod(mo, "tolist", NULL));
    show_int("GET_BASE is a", PyMemoryView_GET_BASE(mo) == a);
    show_int("bytearray exports", ((PyByteArrayObject *)a)->ob_exports);
    show("FromObject str", PyMemoryView_FromObject(S("x")));
    Py_buffer info;
    PyBuffer_FillInfo(&info, NULL, mem, 3, 1, PyBUF_FULL_RO);
    show("FromBuffer", PyObject_CallMethod(PyMemoryView_FromBuffer(&info), "tobytes", NULL));
    show("GetContiguous", PyObject_CallMethod(PyMemoryView_GetContiguous(a, PyBUF_READ, 'C'), "tobytes", NULL));
    Py_DECREF(mo);
    show("_Py_strhex", _Py_strhex("\x01\xab", 2));
    show("_Py_strhex_bytes_with_sep", _Py_strhex_bytes_with_sep("\x01\xab\xff", 3, S(":"), 2));
    show("_Py_strhex_bytes_with_sep bad", _Py_strhex_bytes_with_sep("\x01", 1, S("::"), 1));
    char *const *argv = _PySequence_BytesToCharpArray(Py_BuildValue("[yy]", "ls", "-l"));
    show_str("charp[0]", argv[0]);
    show_str("charp[1]", argv[1]);
    show_int("charp[2] NULL", argv[2] == NULL);
    _Py_FreeCharPArray(argv);
    show_int("charp bad item", _PySequence_BytesToCharpArray(Py_BuildValue("[ys]", "a", "b")) == NULL);
    print_error();
    show_int("charp NUL item", _PySequence_BytesToCharpArray(Py_BuildValue("[y#]", "a\0b", (Py_ssize_t)3)) == NULL);
    print_error();
    Py_DECREF(a);
    Py_DECREF(b);
}

static void types(void) {
    PyTypeObject *ts[] = {&PyLong_Type, &PyBool_Type, &PyFloat_Type, &PyUnicode_Type, &PyBytes_Type, &PyTuple_Type, &PyList_Type, &PyDict_Type, &PyBaseObject_Type, &PyType_Type};
    char name[96];
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        snprintf(name, sizeof name, "%s subclass flags", ts[i]->tp_name);
        show_int(name, ts[i]->tp_flags & (Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_READY));
        snprintf(name, sizeof name, "%s basicsize/itemsize", ts[i]->tp_name);
        show_int(name, ts[i]->tp_basicsize * 1000 + ts[i]->tp_itemsize);
        snprintf(name, sizeof name, "%s repr", ts[i]->tp_name);
        show(name, Py_NewRef((PyObject *)ts[i]));
        snprintf(name, sizeof name, "%s __mro__", ts[i]->tp_name);
        show(name, PyObject_GetAttrString((PyObject *)ts[i], "__mro__"));
    }
    show("type(1)", PyObject_Type(I(1)));
    show("type(type)", PyObject_Type((PyObject *)&PyType_Type));
    show("int.__name__", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__name__"));
    show("int.__qualname__", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__qualname__"));
    show("int.__module__", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__module__"));
    show("bool.__base__", PyObject_GetAttrString((PyObject *)&PyBool_Type, "__base__"));
    show("object.__base__", PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__base__"));
    show("bool.__bases__", PyObject_GetAttrString((PyObject *)&PyBool_Type, "__bases__"));
    show("int.__add__", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__add__"));
    show("object.__init__", PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__init__"));
    show("type.__call__", PyObject_GetAttrString((PyObject *)&PyType_Type, "__call__"));
    show("int.nope", PyObject_GetAttrString((PyObject *)&PyLong_Type, "nope"));
    show("(1).nope", PyObject_GetAttrString(I(1), "nope"));
    show("(1).__class__", PyObject_GetAttrString(I(1), "__class__"));
    PyObject *add = PyObject_GetAttrString(I(5), "__add__");
    show("bound __add__ call", PyObject_CallOneArg(add, I(3)));
    show("bound __add__ wrong type", PyObject_CallOneArg(add, S("3")));
    Py_XDECREF(add);
    PyObject *radd = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__radd__");
    show("int.__radd__(2, 5)", PyObject_Call(radd, tuple2(I(2), I(5)), NULL));
    show("int.__radd__('x', 5)", PyObject_Call(radd, tuple2(S("x"), I(5)), NULL));
    Py_XDECREF(radd);
    show("int.__lt__(1, 2)", PyObject_Call(PyObject_GetAttrString((PyObject *)&PyLong_Type, "__lt__"), tuple2(I(1), I(2)), NULL));
    show("object.__eq__(1, 1)", PyObject_Call(PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__eq__"), tuple2(I(1), I(2)), NULL));
    show("str.__len__('abc')", PyObject_CallOneArg(PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "__len__"), S("abc")));
    show("tuple.__hash__ of ()", PyObject_CallOneArg(PyObject_GetAttrString((PyObject *)&PyTuple_Type, "__hash__"), PyTuple_New(0)));
    show("list.__hash__", PyObject_GetAttrString((PyObject *)&PyList_Type, "__hash__"));
    show("dict.__getitem__ missing", PyObject_Call(PyObject_GetAttrString((PyObject *)&PyDict_Type, "__getitem__"), tuple2(PyDict_New(), I(1)), NULL));
    show("int.__new__(int)", PyObject_CallOneArg(PyObject_GetAttrString((PyObject *)&PyLong_Type, "__new__"), (PyObject *)&PyLong_Type));
    show("int.__new__(str)", PyObject_CallOneArg(PyObject_GetAttrString((PyObject *)&PyLong_Type, "__new__"), (PyObject *)&PyUnicode_Type));
    show("object.__new__ args", PyObject_Call((PyObject *)&PyBaseObject_Type, tuple2(I(1), I(2)), NULL));
    show_int("isinstance(True, int)", PyObject_IsInstance(Py_True, (PyObject *)&PyLong_Type));
    show_int("isinstance(1, (str, int))", PyObject_IsInstance(I(1), tuple2(Py_NewRef((PyObject *)&PyUnicode_Type), Py_NewRef((PyObject *)&PyLong_Type))));
    show_int("isinstance(1, 2)", PyObject_IsInstance(I(1), I(2)));
    show_int("issubclass(bool, object)", PyObject_IsSubclass((PyObject *)&PyBool_Type, (PyObject *)&PyBaseObject_Type));
    show_int("issubclass(1, int)", PyObject_IsSubclass(I(1), (PyObject *)&PyLong_Type));
    show_int("callable(int)", PyCallable_Check((PyObject *)&PyLong_Type));
    show_int("callable(1)", PyCallable_Check(I(1)));
    show("call 1", PyObject_CallNoArgs(I(1)));
    show("type(1)", PyObject_CallOneArg((PyObject *)&PyType_Type, I(1)));
    show("type(1, 2)", PyObject_Call((PyObject *)&PyType_Type, tuple2(I(1), I(2)), NULL));
    show("setattr on int", PyObject_SetAttrString(I(1), "x", I(2)) < 0 ? NULL : Py_NewRef(Py_None));
    show("setattr on type", PyObject_SetAttrString((PyObject *)&PyLong_Type, "x", I(2)) < 0 ? NULL : Py_NewRef(Py_None));
    show("setattr on object()", PyObject_SetAttrString(PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type), "x", I(2)) < 0 ? NULL : Py_NewRef(Py_None));
}

static PyObject *make_class(const char *name, PyObject *bases, PyObject *ns) {
    PyObject *args = PyTuple_New(3);
    PyTuple_SET_ITEM(args, 0, S(name));
    PyTuple_SET_ITEM(args, 1, bases);
    PyTuple_SET_ITEM(args, 2, ns);
    PyObject *r = PyObject_Call((PyObject *)&PyType_Type, args, NULL);
    Py_DECREF(args);
    return r;
}

static PyObject *one(PyObject *a) {
    PyObject *t = PyTuple_New(1);
    PyTuple_SET_ITEM(t, 0, a);
    return t;
}

static void heap_types(void) {
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "x", I(10));
    PyObject *A = make_class("A", PyTuple_New(0), ns);
    show("class A", Py_XNewRef(A));
    show("A.__mro__", PyObject_GetAttrString(A, "__mro__"));
    show("A.__name__", PyObject_GetAttrString(A, "__name__"));
    show("A.__qualname__", PyObject_GetAttrString(A, "__qualname__"));
    show("A.x", PyObject_GetAttrString(A, "x"));
    show("A.__doc__", PyObject_GetAttrString(A, "__doc__"));
    show_int("A heap type", PyType_HasFeature((PyTypeObject *)A, Py_TPFLAGS_HEAPTYPE));
    show_int("A has gc", PyType_HasFeature((PyTypeObject *)A, Py_TPFLAGS_HAVE_GC));
    show_int("A basicsize", ((PyTypeObject *)A)->tp_basicsize);
    show_int("A dictoffset", ((PyTypeObject *)A)->tp_dictoffset);
    show_int("A weaklistoffset", ((PyTypeObject *)A)->tp_weaklistoffset);
    PyObject *a = PyObject_CallNoArgs(A);
    show_str("instance type", Py_TYPE(a)->tp_name);
    show("instance.x", PyObject_GetAttrString(a, "x"));
    show_int("set instance attr", PyObject_SetAttrString(a, "y", S("why")));
    show("instance.y", PyObject_GetAttrString(a, "y"));
    show("instance.__dict__", PyObject_GetAttrString(a, "__dict__"));
    show("instance.missing", PyObject_GetAttrString(a, "missing"));
    show_int("del instance attr", PyObject_DelAttrString(a, "y"));
    show_int("del missing attr", PyObject_DelAttrString(a, "y"));
    show_int("set class attr", PyObject_SetAttrString(A, "x", I(11)));
    show("instance.x after", PyObject_GetAttrString(a, "x"));
    show("A(1)", PyObject_CallOneArg(A, I(1)));
    show_int("isinstance(a, A)", PyObject_IsInstance(a, A));
    Py_XDECREF(a);

    PyObject *B = make_class("B", one(Py_NewRef(A)), PyDict_New());
    PyObject *C = make_class("C", one(Py_NewRef(A)), PyDict_New());
    PyObject *D = make_class("D", tuple2(Py_NewRef(B), Py_NewRef(C)), PyDict_New());
    show("D.__mro__", PyObject_GetAttrString(D, "__mro__"));
    show("D.x", PyObject_GetAttrString(D, "x"));
    show("bad MRO", make_class("E", tuple2(Py_NewRef(A), Py_NewRef(B)), PyDict_New()));
    show("duplicate base", make_class("E", tuple2(Py_NewRef(A), Py_NewRef(A)), PyDict_New()));
    show("bool base", make_class("E", one(Py_NewRef((PyObject *)&PyBool_Type)), PyDict_New()));
    show("layout conflict", make_class("E", tuple2(Py_NewRef((PyObject *)&PyLong_Type), Py_NewRef((PyObject *)&PyUnicode_Type)), PyDict_New()));
    show("bases not types", make_class("E", one(I(1)), PyDict_New()));
    show_int("issubclass(D, A)", PyObject_IsSubclass(D, A));
    show_int("issubclass(A, D)", PyObject_IsSubclass(A, D));

    PyObject *slots_ns = PyDict_New();
    PyDict_SetItemString(slots_ns, "__slots__", tuple2(S("b"), S("a")));
    PyObject *P = make_class("P", PyTuple_New(0), slots_ns);
    show_int("slots basicsize", ((PyTypeObject *)P)->tp_basicsize);
    show_int("slots dictoffset", ((PyTypeObject *)P)->tp_dictoffset);
    show("slots a descr", PyObject_GetAttrString(P, "a"));
    PyObject *p = PyObject_CallNoArgs(P);
    show("unset slot", PyObject_GetAttrString(p, "a"));
    show_int("set slot", PyObject_SetAttrString(p, "a", I(5)));
    show("get slot", PyObject_GetAttrString(p, "a"));
    show_int("set non-slot", PyObject_SetAttrString(p, "zz", I(5)));
    Py_XDECREF(p);
    PyObject *bad_slots = PyDict_New();
    PyDict_SetItemString(bad_slots, "__slots__", one(I(3)));
    show("slots not str", make_class("Q", PyTuple_New(0), bad_slots));

    PyObject *exc_ns = PyDict_New();
    PyObject *MyError = make_class("MyError", one(Py_NewRef(PyExc_ValueError)), exc_ns);
    PyObject *err = PyObject_CallOneArg(MyError, S("bad"));
    show("MyError instance", Py_XNewRef(err));
    show_int("MyError is ValueError", PyErr_GivenExceptionMatches(err, PyExc_ValueError));
    show("MyError.__mro__", PyObject_GetAttrString(MyError, "__mro__"));
    Py_XDECREF(err);
    Py_XDECREF(A);
    Py_XDECREF(B);
    Py_XDECREF(C);
    Py_XDECREF(D);
    Py_XDECREF(P);
    Py_XDECREF(MyError);
}

static void errors(void) {
    PyErr_SetString(PyExc_ValueError, "boom");
    /* Read everything before printing: show_int reports (and clears) pending errors. */
    int is_value_error = PyErr_Occurred() == PyExc_ValueError;
    int matches_exception = PyErr_ExceptionMatches(PyExc_Exception);
    PyObject *pair = tuple2(Py_NewRef(PyExc_KeyError), Py_NewRef(PyExc_ValueError));
    int matches_tuple = PyErr_ExceptionMatches(pair);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    Py_DECREF(pair);
    show_int("Occurred is ValueError", is_value_error);
    show_int("ExceptionMatches Exception", matches_exception);
    show_int("ExceptionMatches (KeyError, ValueError)", matches_tuple);
    show_int("Fetch cleared", PyErr_Occurred() == NULL);
    show_int("value is str before normalize", v != NULL && PyUnicode_Check(v));
    PyErr_NormalizeException(&t, &v, &tb);
    show("normalized", Py_NewRef(v));
    show("exc str", PyObject_Str(v));
    show("exc args", PyObject_GetAttrString(v, "args"));
    show("exc __traceback__", PyObject_GetAttrString(v, "__traceback__"));
    show("exc __cause__", PyObject_GetAttrString(v, "__cause__"));
    show("exc __suppress_context__", PyObject_GetAttrString(v, "__suppress_context__"));
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    PyErr_SetObject(PyExc_KeyError, S("k"));
    show("KeyError pending", NULL);
    PyErr_SetNone(PyExc_StopIteration);
    show("StopIteration pending", NULL);
    PyErr_NoMemory();
    show("NoMemory", NULL);
    PyErr_BadInternalCall();
    show("BadInternalCall", NULL);
    PyErr_BadArgument();
    show("BadArgument", NULL);
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/nonexistent");
    show("SetFromErrno", NULL);
    show("KeyError()", PyObject_CallNoArgs(PyExc_KeyError));
    show("KeyError('a') str", PyObject_Str(PyObject_CallOneArg(PyExc_KeyError, S("a"))));
    show("ValueError(1, 2)", PyObject_Call(PyExc_ValueError, tuple2(I(1), I(2)), NULL));
    show("ValueError(1, 2) str", PyObject_Str(PyObject_Call(PyExc_ValueError, tuple2(I(1), I(2)), NULL)));
    show("OSError(2, 'x')", PyObject_Call(PyExc_OSError, tuple2(I(2), S("No such file")), NULL));
    show("OSError str", PyObject_Str(PyObject_Call(PyExc_OSError, tuple2(I(2), S("No such file")), NULL)));
    PyObject *si = PyObject_CallOneArg(PyExc_StopIteration, I(42));
    show("StopIteration.value", PyObject_GetAttrString(si, "value"));
    PyObject *se = PyObject_CallNoArgs(PyExc_SystemExit);
    show("SystemExit().code", PyObject_GetAttrString(se, "code"));
    PyObject *ae = PyObject_CallOneArg(PyExc_AttributeError, S("m"));
    show("AttributeError.name", PyObject_GetAttrString(ae, "name"));
    show("ValueError kwargs", PyObject_Call(PyExc_ValueError, PyTuple_New(0), PyDict_New() ? ({ PyObject *kw = PyDict_New(); PyDict_SetItemString(kw, "x", I(1)); kw; }) : NULL));
    show_int("IOError is OSError", PyExc_IOError == PyExc_OSError);
    show("BaseExceptionGroup mro", PyObject_GetAttrString(PyExc_BaseExceptionGroup, "__mro__"));
    show("UnicodeDecodeError str", PyObject_Str(({ PyErr_Clear(); PyObject *r = PyUnicode_FromStringAndSize("\xff", 1); (void)r; PyObject *tt, *vv, *tbb; PyErr_Fetch(&tt, &vv, &tbb); PyErr_NormalizeException(&tt, &vv, &tbb); vv; })));
    show("with_traceback(None)", PyObject_CallOneArg(PyObject_GetAttrString(si, "with_traceback"), Py_NewRef(Py_None)));
    show("__context__ bad", PyObject_SetAttrString(si, "__context__", I(1)) < 0 ? NULL : Py_NewRef(Py_None));
    show_int("set __cause__", PyObject_SetAttrString(si, "__cause__", PyObject_CallNoArgs(PyExc_ValueError)));
    show("__suppress_context__ after cause", PyObject_GetAttrString(si, "__suppress_context__"));
    show("add_note", PyObject_CallOneArg(PyObject_GetAttrString(si, "add_note"), S("a note")));
    show("__notes__", PyObject_GetAttrString(si, "__notes__"));
    show("add_note(1)", PyObject_CallOneArg(PyObject_GetAttrString(si, "add_note"), I(1)));
    show_int("issubclass(FileNotFoundError, OSError)", PyObject_IsSubclass(PyExc_FileNotFoundError, PyExc_OSError));
    show("BaseException.__mro__", PyObject_GetAttrString(PyExc_TabError, "__mro__"));
    Py_XDECREF(si);
    Py_XDECREF(se);
    Py_XDECREF(ae);
}

static void variadic(void) {
    show("FromFormat basics", PyUnicode_FromFormat("%d|%i|%u|%ld|%lld|%zd|%x|%c|%%|%s", -12, 34, 56u, -78L, 9000000000LL, (Py_ssize_t)-5, 255, 0x20ac, "h\xc3\xa9"));
    show("FromFormat widths", PyUnicode_FromFormat("[%5d][%05d][%-3d][%.3d][%05x]", 42, -42, 7, 5, 255));
    show("FromFormat objects", PyUnicode_FromFormat("%S %R %A %U", S("s\xc3\xa9"), S("r\xc3\xa9"), S("a\xc3\xa9"), S("u")));
    show("FromFormat precision", PyUnicode_FromFormat("[%.2s][%.3U][%6.2R][%10S]", "abcdef", S("h\xc3\xa9llo"), S("xyz"), I(123)));
    show("FromFormat %V", PyUnicode_FromFormat("%V|%V", S("obj"), "unused", NULL, "fallback"));
    show("FromFormat bad spec", PyUnicode_FromFormat("a%qb %d", 1));
    show("FromFormat %c range", PyUnicode_FromFormat("%c", 0x110000));
    show("FromFormat repr fails", PyUnicode_FromFormat("%R", PyList_New(0)));
    show("PyErr_Format", PyErr_Format(PyExc_ValueError, "bad value %d for %R", 3, S("x")));
    show("PyErr_Format clears first", (PyErr_SetString(PyExc_KeyError, "old"), PyErr_Format(PyExc_TypeError, "new %s", "one")));
    show("BuildValue empty", Py_BuildValue(""));
    show("BuildValue int", Py_BuildValue("i", 7));
    show("BuildValue tuple", Py_BuildValue("(iis)", 1, 2, "three"));
    show("BuildValue flat", Py_BuildValue("iis", 1, 2, "three"));
    show("BuildValue list", Py_BuildValue("[i,i]", 5, 6));
    show("BuildValue dict", Py_BuildValue("{s:i,s:[d,d]}", "a", 1, "b", 0.5, 2.5));
    show("BuildValue nested", Py_BuildValue("((ii)(s#))", 1, 2, "abcdef", (Py_ssize_t)3));
    show("BuildValue types", Py_BuildValue("(bBhHIlkLKnfdcC)", -1, 255, -300, 65535, 4000000000u, -5L, 6UL, -7LL, 8ULL, (Py_ssize_t)9, 1.5f, 2.5, 'x', 0x20ac));
    show("BuildValue z None", Py_BuildValue("(zy#)", NULL, "b\0y", (Py_ssize_t)3));
    show("BuildValue O", Py_BuildValue("O", Py_None));
    show("BuildValue N", Py_BuildValue("N", S("stolen")));
    show("BuildValue NULL O", Py_BuildValue("(O)", NULL));
    show("BuildValue bad char", Py_BuildValue("(q)", 1));
    show("BuildValue unmatched", Py_BuildValue("(ii", 1, 2));
    show("CallFunction", PyObject_CallFunction((PyObject *)&PyLong_Type, "si", "ff", 16));
    show("CallFunction one", PyObject_CallFunction((PyObject *)&PyFloat_Type, "s", "2.5"));
    show("CallFunction none", PyObject_CallFunction((PyObject *)&PyLong_Type, NULL));
    show("CallMethod", PyObject_CallMethod(I(5), "__add__", "i", 3));
    show("CallMethod missing", PyObject_CallMethod(I(5), "nope", NULL));
    show("CallFunctionObjArgs", PyObject_CallFunctionObjArgs((PyObject *)&PyLong_Type, S("12"), I(8), NULL));
    show("CallMethodObjArgs", PyObject_CallMethodObjArgs(I(2), S("__mul__"), I(21), NULL));
    show("TuplePack", PyTuple_Pack(3, Py_None, Py_True, Py_False));
    show("TuplePack 0", PyTuple_Pack(0));

    int i = 0; long l = 0; double d = 0; const char *s = NULL; Py_ssize_t n = 0; PyObject *o = NULL; unsigned char b = 0; int p = -1;
    PyObject *args = Py_BuildValue("(ilds)", 1, 2L, 3.5, "four");
    show_int("ParseTuple ok", PyArg_ParseTuple(args, "ilds", &i, &l, &d, &s));
    printf("  parsed: %d %ld %g %s\n", i, l, d, s);
    show_int("ParseTuple too few", PyArg_ParseTuple(args, "ildsi", &i, &l, &d, &s, &i));
    show_int("ParseTuple too many", PyArg_ParseTuple(args, "il:func", &i, &l));
    show_int("ParseTuple optional", PyArg_ParseTuple(args, "i|ldsi:f", &i, &l, &d, &s, &i));
    show_int("ParseTuple wrong type", PyArg_ParseTuple(args, "iiii:g", &i, &i, &i, &i));
    show_int("ParseTuple message", PyArg_ParseTuple(args, "i;custom message", &i));
    show_int("ParseTuple s#", PyArg_ParseTuple(Py_BuildValue("(s)", "abc"), "s#", &s, &n));
    printf("  s#: %s %zd\n", s, n);
    show_int("ParseTuple O", PyArg_ParseTuple(Py_BuildValue("(O)", Py_None), "O", &o));
    show_int("ParseTuple O!", PyArg_ParseTuple(Py_BuildValue("(i)", 1), "O!:h", &PyUnicode_Type, &o));
    show_int("ParseTuple b overflow", PyArg_ParseTuple(Py_BuildValue("(i)", 300), "b", &b));
    show_int("ParseTuple i overflow", PyArg_ParseTuple(Py_BuildValue("(L)", 1LL << 40), "i", &i));
    show_int("ParseTuple float for int", PyArg_ParseTuple(Py_BuildValue("(d)", 1.0), "i", &i));
    show_int("ParseTuple p", PyArg_ParseTuple(Py_BuildValue("(s)", ""), "p", &p));
    printf("  p: %d\n", p);
    show_int("ParseTuple nested", PyArg_ParseTuple(Py_BuildValue("((ii))", 1, 2), "(ii)", &i, &i));
    show_int("ParseTuple nested bad", PyArg_ParseTuple(Py_BuildValue("((i))", 1), "(ii):k", &i, &i));
    show_int("ParseTuple nested not seq", PyArg_ParseTuple(Py_BuildValue("(i)", 1), "(ii):k", &i, &i));
    show_int("ParseTuple embedded NUL", PyArg_ParseTuple(Py_BuildValue("(s#)", "a\0b", (Py_ssize_t)3), "s", &s));
    show_int("ParseTuple C", PyArg_ParseTuple(Py_BuildValue("(s)", "ab"), "C", &i));
    static char *kwlist[] = {"a", "b", "c", NULL};
    PyObject *kw = Py_BuildValue("{s:i}", "c", 9);
    int a = 0, bb = 0, c = 0;
    show_int("Keywords ok", PyArg_ParseTupleAndKeywords(Py_BuildValue("(i)", 1), kw, "i|ii:kf", kwlist, &a, &bb, &c));
    printf("  kw: %d %d %d\n", a, bb, c);
    show_int("Keywords missing", PyArg_ParseTupleAndKeywords(PyTuple_New(0), kw, "ii|i:kf", kwlist, &a, &bb, &c));
    show_int("Keywords unknown", PyArg_ParseTupleAndKeywords(PyTuple_New(0), Py_BuildValue("{s:i}", "zz", 1), "|iii:kf", kwlist, &a, &bb, &c));
    show_int("Keywords twice", PyArg_ParseTupleAndKeywords(Py_BuildValue("(iii)", 1, 2, 3), kw, "|iii:kf", kwlist, &a, &bb, &c));
    show_int("Keywords too many", PyArg_ParseTupleAndKeywords(Py_BuildValue("(iiii)", 1, 2, 3, 4), NULL, "|iii:kf", kwlist, &a, &bb, &c));
    show_int("Keywords kwonly", PyArg_ParseTupleAndKeywords(Py_BuildValue("(ii)", 1, 2), NULL, "i$ii:kf", kwlist, &a, &bb, &c));
    static char *poslist[] = {"", "b", NULL};
    show_int("Keywords posonly by name", PyArg_ParseTupleAndKeywords(PyTuple_New(0), Py_BuildValue("{s:i}", "b", 1), "ii:pf", poslist, &a, &bb));
    PyObject *x = NULL, *y = NULL;
    show_int("UnpackTuple", PyArg_UnpackTuple(Py_BuildValue("(ii)", 1, 2), "up", 1, 3, &x, &y));
    show_int("UnpackTuple few", PyArg_UnpackTuple(PyTuple_New(0), "up", 1, 3, &x));
    show_int("UnpackTuple many", PyArg_UnpackTuple(Py_BuildValue("(iiii)", 1, 2, 3, 4), "up", 1, 3, &x, &y, &o));
    char small[8];
    show_int("PyOS_snprintf", PyOS_snprintf(small, sizeof small, "%s-%d", "abcdef", 123));
    printf("  snprintf: %s\n", small);
}

static int capsule_destructor_ran = 0;
static void capsule_destructor(PyObject *c) { (void)c; capsule_destructor_ran++; }

static void small_objects(void) {
    PyObject *sizeof_ = PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__sizeof__");
    PyObject *prop = PyObject_CallOneArg((PyObject *)&PyProperty_Type, sizeof_);
    show_str("property type", Py_TYPE(prop)->tp_name);
    show("property.fget", PyObject_GetAttrString(prop, "fget"));
    show("property.fset", PyObject_GetAttrString(prop, "fset"));
    show("property.__doc__", PyObject_GetAttrString(prop, "__doc__"));
    show("property.__isabstractmethod__", PyObject_GetAttrString(prop, "__isabstractmethod__"));
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "size", prop);
    PyObject *K = make_class("K", PyTuple_New(0), ns);
    PyObject *k = PyObject_CallNoArgs(K);
    show("property get", PyObject_GetAttrString(k, "size"));
    show_int("property set without setter", PyObject_SetAttrString(k, "size", I(1)));
    show_int("property del without deleter", PyObject_DelAttrString(k, "size"));
    show_str("property on class", Py_TYPE(PyObject_GetAttrString(K, "size"))->tp_name);
    PyObject *p2 = PyObject_CallOneArg(PyObject_GetAttrString(prop, "setter"), Py_None);
    show("property.setter(None).fget", PyObject_GetAttrString(p2, "fget"));
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "doc", S("documented"));
    PyObject *p3 = PyObject_Call((PyObject *)&PyProperty_Type, PyTuple_New(0), kw);
    show("property(doc=)", PyObject_GetAttrString(p3, "__doc__"));
    PyDict_SetItemString(kw, "bogus", I(1));
    show("property bad kw", PyObject_Call((PyObject *)&PyProperty_Type, PyTuple_New(0), kw));
    show("property too many", PyObject_Call((PyObject *)&PyProperty_Type, Py_BuildValue("(OOOOO)", Py_None, Py_None, Py_None, Py_None, Py_None), NULL));
    PyObject *noget = PyObject_CallNoArgs((PyObject *)&PyProperty_Type);
    PyObject *ns2 = PyDict_New();
    PyDict_SetItemString(ns2, "p", noget);
    PyObject *K2 = make_class("K2", PyTuple_New(0), ns2);
    show("property no getter", PyObject_GetAttrString(PyObject_CallNoArgs(K2), "p"));

    PyObject *nsa = PyDict_New();
    PyDict_SetItemString(nsa, "x", S("from A"));
    PyObject *A = make_class("SA", PyTuple_New(0), nsa);
    PyObject *nsb = PyDict_New();
    PyDict_SetItemString(nsb, "x", S("from B"));
    PyObject *B = make_class("SB", Py_BuildValue("(O)", A), nsb);
    PyObject *b = PyObject_CallNoArgs(B);
    PyObject *sup = PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, B, b, NULL);
    show("super repr", Py_XNewRef(sup));
    show("super(B, b).x", PyObject_GetAttrString(sup, "x"));
    show("super(B, b).__class__", PyObject_GetAttrString(sup, "__class__"));
    show("super(B, b).__thisclass__", PyObject_GetAttrString(sup, "__thisclass__"));
    show("super(B, b).missing", PyObject_GetAttrString(sup, "missing"));
    show("super(B, B).x", PyObject_GetAttrString(PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, B, B, NULL), "x"));
    show("super(A, 1)", PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, A, I(1), NULL));
    show("super(1, 1)", PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, I(1), I(1), NULL));
    show("super()", PyObject_CallNoArgs((PyObject *)&PySuper_Type));
    show("super(bool, True).__repr__()", PyObject_CallMethod(PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, &PyBool_Type, Py_True, NULL), "__repr__", NULL));
    show("unbound super repr", PyObject_CallOneArg((PyObject *)&PySuper_Type, A));

    PyObject *cell = PyCell_New(I(5));
    show("cell contents", PyObject_GetAttrString(cell, "cell_contents"));
    show_int("PyCell_Set", PyCell_Set(cell, NULL));
    show("empty cell contents", PyObject_GetAttrString(cell, "cell_contents"));
    show("PyCell_Get empty", Py_XNewRef(PyCell_Get(cell)));
    show_int("cell == cell", PyObject_RichCompareBool(PyCell_New(I(1)), PyCell_New(I(1)), Py_EQ));
    show_int("empty < full", PyObject_RichCompareBool(PyCell_New(NULL), PyCell_New(I(1)), Py_LT));

    static int payload = 42;
    PyObject *cap = PyCapsule_New(&payload, "ferric.test", capsule_destructor);
    show_int("capsule valid", PyCapsule_IsValid(cap, "ferric.test"));
    show_int("capsule valid wrong name", PyCapsule_IsValid(cap, "other"));
    show_int("capsule pointer", *(int *)PyCapsule_GetPointer(cap, "ferric.test"));
    show_int("capsule wrong name", PyCapsule_GetPointer(cap, "nope") == NULL);
    show_str("capsule name", PyCapsule_GetName(cap));
    show_int("capsule on int", PyCapsule_GetPointer(I(1), "x") == NULL);
    show("capsule NULL pointer", PyCapsule_New(NULL, "x", NULL));
    show_str("capsule type", Py_TYPE(cap)->tp_name);
    Py_DECREF(cap);
    show_int("capsule destructor ran", capsule_destructor_ran);
}

static int weak_callbacks = 0;
static PyObject *weak_callback(PyObject *self, PyObject *ref) {
    (void)self;
    weak_callbacks++;
    printf("  callback sees dead ref: %d\n", PyWeakref_GetObject(ref) == Py_None);
    Py_RETURN_NONE;
}
static PyMethodDef weak_callback_def = {"weak_callback", weak_callback, METH_O, NULL};

static void weakrefs(void) {
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "attr", S("value"));
    PyObject *W = make_class("W", PyTuple_New(0), ns);
    PyObject *w = PyObject_CallNoArgs(W);
    PyObject *r = PyWeakref_NewRef(w, NULL);
    show_str("ref type", Py_TYPE(r)->tp_name);
    show_int("ref alive", PyWeakref_GetObject(r) == w);
    show_int("PyWeakref_GET_OBJECT", PyWeakref_GET_OBJECT(r) == w);
    PyObject *r2 = PyWeakref_NewRef(w, NULL);
    show_int("basic ref shared", r == r2);
    PyObject *wr = PyObject_GetAttrString(w, "__weakref__");
    show_int("__weakref__ is the ref", wr == r);
    Py_XDECREF(wr);
    PyObject *called = PyObject_CallNoArgs(r);
    show_int("call ref", called == w);
    Py_XDECREF(called);
    show("ref __callback__", PyObject_GetAttrString(r, "__callback__"));
    PyObject *cb = PyCFunction_New(&weak_callback_def, NULL);
    PyObject *r3 = PyWeakref_NewRef(w, cb);
    show_int("ref with callback is new", r3 != r);
    PyObject *p = PyWeakref_NewProxy(w, NULL);
    show_str("proxy type", Py_TYPE(p)->tp_name);
    show("proxy attr", PyObject_GetAttrString(p, "attr"));
    show_int("proxy hash", PyObject_Hash(p));
    show_int("ref hash == obj hash", PyObject_Hash(r) == PyObject_Hash(w));
    show_int("ref == ref", PyObject_RichCompareBool(r, r3, Py_EQ));
    show("ref < ref", PyObject_RichCompare(r, r3, Py_LT));
    show("ref to int", PyWeakref_NewRef(I(1000), NULL));
    PyObject *r5 = PyObject_CallFunctionObjArgs((PyObject *)&_PyWeakref_RefType, w, Py_None, NULL);
    show_int("ref with None callback is the basic ref", r5 == r);
    Py_XDECREF(r5);
    Py_DECREF(w);
    show_int("callbacks ran", weak_callbacks);
    show_int("ref dead", PyWeakref_GetObject(r) == Py_None);
    show("call dead ref", PyObject_CallNoArgs(r));
    show("dead proxy attr", PyObject_GetAttrString(p, "attr"));
    show_int("dead ref hash (cached)", PyObject_Hash(r) != -1);
    PyObject *w2 = PyObject_CallNoArgs(W);
    PyObject *r4 = PyWeakref_NewRef(w2, NULL);
    Py_DECREF(w2);
    show_int("dead ref hash (never hashed)", PyObject_Hash(r4));
    show_int("dead refs equal only if identical", PyObject_RichCompareBool(r, r4, Py_EQ));
    PyObject *rt = PyWeakref_NewRef(W, NULL);
    show_int("ref to class", PyWeakref_GetObject(rt) == W);
    Py_DECREF(r);
    Py_DECREF(r2);
    Py_DECREF(r3);
    Py_DECREF(r4);
    Py_DECREF(p);
}

static void cycles(void) {
    PyObject *ns = PyDict_New();
    PyObject *N = make_class("Node", PyTuple_New(0), ns);
    PyObject *a = PyObject_CallNoArgs(N), *b = PyObject_CallNoArgs(N);
    PyObject_SetAttrString(a, "other", b);
    PyObject_SetAttrString(b, "other", a);
    PyObject *self_list = PyList_New(0);
    PyList_Append(self_list, self_list);
    PyObject *cb = PyCFunction_New(&weak_callback_def, NULL);
    PyObject *ra = PyWeakref_NewRef(a, cb), *rb = PyWeakref_NewRef(b, NULL);
    int before = weak_callbacks;
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(self_list);
    show_int("cycle alive before collect", PyWeakref_GetObject(ra) != Py_None);
    show_int("gc enabled", PyGC_IsEnabled());
    Py_ssize_t n = PyGC_Collect();
    show_int("collect found garbage", n > 0);
    show_int("cycle gone after collect", PyWeakref_GetObject(ra) == Py_None && PyWeakref_GetObject(rb) == Py_None);
    show_int("weakref callback ran for cycle", weak_callbacks - before);
    show_int("second collect finds nothing new", PyGC_Collect() >= 0);
    show_int("disable returns previous", PyGC_Disable());
    show_int("enabled after disable", PyGC_IsEnabled());
    show_int("enable returns previous", PyGC_Enable());
    Py_DECREF(ra);
    Py_DECREF(rb);
    Py_DECREF(cb);
}

typedef struct {
    PyObject_HEAD
    long value;
    PyObject *payload;
    PyObject *weakrefs;
} CounterObject;

static PyObject *counter_incr(PyObject *self, PyObject *arg) {
    ((CounterObject *)self)->value += PyLong_AsLong(arg);
    return PyLong_FromLong(((CounterObject *)self)->value);
}
static PyObject *counter_repr(PyObject *self) {
    return PyUnicode_FromFormat("Counter(%ld)", ((CounterObject *)self)->value);
}
static PyObject *counter_add(PyObject *a, PyObject *b) {
    if (!PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    return PyLong_FromLong(((CounterObject *)a)->value + PyLong_AsLong(b));
}
static Py_ssize_t counter_len(PyObject *self) { return ((CounterObject *)self)->value; }
static int counter_init(PyObject *self, PyObject *args, PyObject *kw) {
    static char *kwlist[] = {"start", NULL};
    long start = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|l:Counter", kwlist, &start)) return -1;
    ((CounterObject *)self)->value = start;
    return 0;
}
static PyMethodDef counter_methods[] = {{"incr", counter_incr, METH_O, "incr(n)\n--\n\nAdd n."}, {NULL}};
static PyMemberDef counter_members[] = {
    {"value", T_LONG, offsetof(CounterObject, value), 0, NULL},
    {"payload", T_OBJECT_EX, offsetof(CounterObject, payload), 0, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(CounterObject, weakrefs), READONLY, NULL},
    {NULL}};
static PyType_Slot counter_slots[] = {
    {Py_tp_repr, counter_repr}, {Py_tp_methods, counter_methods}, {Py_tp_members, counter_members},
    {Py_nb_add, counter_add}, {Py_sq_length, counter_len}, {Py_tp_init, counter_init},
    {Py_tp_new, PyType_GenericNew}, {Py_tp_doc, "A counter."}, {0, NULL}};
static PyType_Spec counter_spec = {"ferrictest.Counter", sizeof(CounterObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, counter_slots};

static PyObject *mod_hello(PyObject *m, PyObject *unused) { (void)m; (void)unused; return PyUnicode_FromString("hello"); }
static PyMethodDef mod_methods[] = {{"hello", mod_hello, METH_NOARGS, NULL}, {NULL}};
static int mod_exec(PyObject *m) { return PyModule_AddIntConstant(m, "ANSWER", 42); }
static PyModuleDef_Slot mod_slots[] = {{Py_mod_exec, mod_exec}, {0, NULL}};
static struct PyModuleDef single_def = {PyModuleDef_HEAD_INIT, "single", "single-phase doc", sizeof(long), mod_methods};
static struct PyModuleDef multi_def = {PyModuleDef_HEAD_INIT, "multi", NULL, 0, mod_methods, mod_slots};

static void spec_types(void) {
    PyObject *C = PyType_FromSpec(&counter_spec);
    show("Counter type", Py_XNewRef(C));
    show("Counter.__module__", PyObject_GetAttrString(C, "__module__"));
    show("Counter.__name__", PyObject_GetAttrString(C, "__name__"));
    show("Counter.__doc__", PyObject_GetAttrString(C, "__doc__"));
    show_int("Counter heap", PyType_HasFeature((PyTypeObject *)C, Py_TPFLAGS_HEAPTYPE));
    show_int("Counter basicsize", ((PyTypeObject *)C)->tp_basicsize);
    show_int("Counter weaklistoffset", ((PyTypeObject *)C)->tp_weaklistoffset);
    PyObject *c = PyObject_Call(C, Py_BuildValue("(i)", 5), NULL);
    show("Counter(5)", Py_XNewRef(c));
    show("Counter.incr", PyObject_CallMethod(c, "incr", "i", 3));
    show("Counter.value", PyObject_GetAttrString(c, "value"));
    show("Counter.payload unset", PyObject_GetAttrString(c, "payload"));
    show_int("set payload", PyObject_SetAttrString(c, "payload", S("p")));
    show("Counter.payload", PyObject_GetAttrString(c, "payload"));
    show("Counter + 1", PyNumber_Add(c, I(1)));
    show_int("len(Counter)", PyObject_Size(c));
    show("Counter.incr.__doc__", PyObject_GetAttrString(PyObject_GetAttrString(C, "incr"), "__doc__"));
    show("Counter bad kw", PyObject_Call(C, PyTuple_New(0), Py_BuildValue("{s:i}", "stop", 1)));
    PyObject *wr = PyWeakref_NewRef(c, NULL);
    show_int("weakref to Counter", PyWeakref_GetObject(wr) == c);
    show("GetSlot repr", PyType_GetSlot((PyTypeObject *)C, Py_tp_repr) == (void *)counter_repr ? Py_NewRef(Py_True) : Py_NewRef(Py_False));
    show("GetSlot nb_add of int", PyType_GetSlot(&PyLong_Type, Py_nb_add) != NULL ? Py_NewRef(Py_True) : Py_NewRef(Py_False));
    PyObject *ns = PyDict_New();
    PyObject *Sub = make_class("SubCounter", Py_BuildValue("(O)", C), ns);
    PyObject *sc = PyObject_Call(Sub, Py_BuildValue("(i)", 2), NULL);
    show("SubCounter(2)", Py_XNewRef(sc));
    show("SubCounter.incr", PyObject_CallMethod(sc, "incr", "i", 1));
    show_int("SubCounter set attr", PyObject_SetAttrString(sc, "extra", I(1)));
    Py_XDECREF(sc);
    Py_XDECREF(c);
    show_int("Counter weakref dead", PyWeakref_GetObject(wr) == Py_None);
    Py_XDECREF(wr);

    PyObject *m = PyModule_Create(&single_def);
    show("single module", PyObject_Repr(m));
    show("single.__doc__", PyObject_GetAttrString(m, "__doc__"));
    show("single.hello()", PyObject_CallMethod(m, "hello", NULL));
    show("single.hello", PyObject_GetAttrString(m, "hello"));
    show_int("single state", PyModule_GetState(m) != NULL && *(long *)PyModule_GetState(m) == 0);
    show_int("PyState_AddModule", PyState_AddModule(m, &single_def));
    show_int("PyState_FindModule", PyState_FindModule(&single_def) == m);
    show("single.missing", PyObject_GetAttrString(m, "missing"));
    PyObject *spec = make_class("Spec", PyTuple_New(0), Py_BuildValue("{s:s}", "name", "multi"));
    PyObject *mm = PyModule_FromDefAndSpec(&multi_def, spec);
    show("multi module", PyObject_Repr(mm));
    show_int("ExecDef", PyModule_ExecDef(mm, &multi_def));
    show("multi.ANSWER", PyObject_GetAttrString(mm, "ANSWER"));
    show_int("PyModule_GetDef", PyModule_GetDef(mm) == &multi_def);
    show("PyModule_AddObjectRef NULL", PyModule_AddObjectRef(mm, "x", NULL) < 0 ? NULL : Py_NewRef(Py_None));
    show_int("PyModule_AddStringConstant", PyModule_AddStringConstant(mm, "S", "s"));
    show("module dict keys", PyDict_Keys(PyModule_GetDict(mm)));
}

static void extras(void) {
    PyObject *E = PyErr_NewException("ferrictest.MyError", NULL, NULL);
    show("NewException", Py_XNewRef(E));
    show("NewException mro", PyObject_GetAttrString(E, "__mro__"));
    show("NewException module", PyObject_GetAttrString(E, "__module__"));
    PyObject *E2 = PyErr_NewExceptionWithDoc("ferrictest.Other", "Docs.", E, NULL);
    show("NewExceptionWithDoc doc", PyObject_GetAttrString(E2, "__doc__"));
    show("NewException bad name", PyErr_NewException("noname", NULL, NULL));
    show("Format int", PyObject_Format(I(42), NULL));
    show("Format float spec", PyObject_Format(PyFloat_FromDouble(3.14159), S(".2f")));
    show("Format str", PyObject_Format(S("abc"), S("")));
    show("ToBase 2", PyNumber_ToBase(I(10), 2));
    show("ToBase 8", PyNumber_ToBase(I(-64), 8));
    show("ToBase 16", PyNumber_ToBase(PyLong_FromUnsignedLongLong(0xdeadbeefcafeULL), 16));
    show("ToBase 10", PyNumber_ToBase(I(-7), 10));
    show("ToBase 0", PyNumber_ToBase(I(0), 16));
    unsigned char buf[8];
    double vals[] = {1.5, -0.0, 65504.0, 1e-7, 3.0e38, 1.0 / 0.0};
    char name[64];
    for (int i = 0; i < 6; i++) {
        snprintf(name, sizeof name, "Pack2/Unpack2 %d", i);
        int r = PyFloat_Pack2(vals[i], (char *)buf, 1);
        if (r < 0) { show(name, NULL); continue; }
        show_double(name, PyFloat_Unpack2((char *)buf, 1));
    }
    show_int("Pack2 65520 overflow", PyFloat_Pack2(65520.0, (char *)buf, 1));
    show_int("Pack4 1e39 overflow", PyFloat_Pack4(1e39, (char *)buf, 0));
    PyFloat_Pack4(0.1, (char *)buf, 0);
    show_int("Pack4 big-endian byte0", buf[0]);
    show_double("Unpack4", PyFloat_Unpack4((char *)buf, 0));
    PyFloat_Pack8(-2.5, (char *)buf, 1);
    show_double("Unpack8", PyFloat_Unpack8((char *)buf, 1));
    _Py_IDENTIFIER(__class__);
    show("GetAttrId", _PyObject_GetAttrId(I(1), &PyId___class__));
    show_int("LengthHint list", PyObject_LengthHint(PyList_New(3), 9));
    show_int("LengthHint int", PyObject_LengthHint(I(3), 9));
    PyObject *d = Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2);
    show("Mapping_Keys", PyMapping_Keys(d));
    show("Mapping_Items", PyMapping_Items(d));
    show_int("Mapping_HasKeyString", PyMapping_HasKeyString(d, "a"));
    show_int("Mapping_HasKeyString missing", PyMapping_HasKeyString(d, "z"));
    PyObject *l = Py_BuildValue("[iiii]", 1, 2, 1, 3);
    show_int("Sequence_Count", PySequence_Count(l, I(1)));
    show_int("Sequence_Index", PySequence_Index(l, I(3)));
    show_int("Sequence_Index missing", PySequence_Index(l, I(9)));
    show("BoolFromLong", PyBool_FromLong(7));
    PyObject *t, *v, *tb;
    PyErr_GetExcInfo(&t, &v, &tb);
    show_int("no handled exception: type is None", t == Py_None);
    show_int("no handled exception: value is None", v == Py_None);
    show_int("no handled exception: traceback is None", tb == Py_None);
    show_int("WarnEx deprecation (ignored)", PyErr_WarnEx(PyExc_DeprecationWarning, "old", 1));
}

static PyStructSequence_Field point_fields[] = {{"x", "x coord"}, {"y", NULL}, {"z", "hidden"}, {NULL, NULL}};
static PyStructSequence_Desc point_desc = {"ferrictest.point", "A point.", point_fields, 2};
static PyTypeObject StaticPoint;

static void structseqs(void) {
    PyTypeObject *P = PyStructSequence_NewType(&point_desc);
    show("structseq type", Py_XNewRef((PyObject *)P));
    show("structseq mro", PyObject_GetAttrString((PyObject *)P, "__mro__"));
    show("n_fields", PyObject_GetAttrString((PyObject *)P, "n_fields"));
    show("__match_args__", PyObject_GetAttrString((PyObject *)P, "__match_args__"));
    PyObject *p = PyStructSequence_New(P);
    PyStructSequence_SetItem(p, 0, I(1));
    PyStructSequence_SetItem(p, 1, I(2));
    PyStructSequence_SetItem(p, 2, I(3));
    show("structseq repr", Py_NewRef(p));
    show_int("structseq len", PyObject_Size(p));
    show("structseq [1]", PySequence_GetItem(p, 1));
    show("structseq .z", PyObject_GetAttrString(p, "z"));
    show("structseq == tuple", PyObject_RichCompare(p, Py_BuildValue("(ii)", 1, 2), Py_EQ));
    show("structseq reduce", PyObject_CallMethod(p, "__reduce__", NULL));
    show("structseq from seq", PyObject_CallFunction((PyObject *)P, "((ii))", 7, 8));
    show("structseq from seq+dict", PyObject_CallFunction((PyObject *)P, "((ii){s:i})", 7, 8, "z", 9));
    show("structseq short seq", PyObject_CallFunction((PyObject *)P, "((i))", 7));
    show("structseq long seq", PyObject_CallFunction((PyObject *)P, "((iiii))", 1, 2, 3, 4));
    show("structseq not seq", PyObject_CallFunction((PyObject *)P, "(i)", 7));
    show_int("static InitType2", PyStructSequence_InitType2(&StaticPoint, &point_desc));
    PyObject *sp = PyStructSequence_New(&StaticPoint);
    PyStructSequence_SET_ITEM(sp, 0, I(4));
    PyStructSequence_SET_ITEM(sp, 1, I(5));
    PyStructSequence_SET_ITEM(sp, 2, I(6));
    show("static structseq repr", Py_NewRef(sp));
    show("static structseq .y", PyObject_GetAttrString(sp, "y"));
    Py_DECREF(sp);
    Py_DECREF(p);
}

static void bigints(void) {
    unsigned char buf[16] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0xf0};
    PyObject *b = _PyLong_FromByteArray(buf, 16, 1, 0);
    show("FromByteArray little unsigned", Py_XNewRef(b));
    show("FromByteArray big signed", _PyLong_FromByteArray(buf, 16, 0, 1));
    unsigned char out[16] = {0};
    show_int("AsByteArray", _PyLong_AsByteArray((PyLongObject *)b, out, 16, 0, 0));
    show_int("AsByteArray byte0", out[0]);
    show_int("AsByteArray too small", _PyLong_AsByteArray((PyLongObject *)b, out, 4, 0, 0));
    show_int("AsByteArray negative unsigned", _PyLong_AsByteArray((PyLongObject *)PyLong_FromLong(-1), out, 4, 0, 0));
    Py_ssize_t e = 0;
    double m = _PyLong_Frexp((PyLongObject *)b, &e);
    show_double("Frexp mantissa", m);
    show_int("Frexp exponent", e);
    PyObject *big = PyNumber_Power(I(3), I(200), Py_None);
    show("3**200", Py_XNewRef(big));
    show("3**200 // 7**50", PyNumber_FloorDivide(big, PyNumber_Power(I(7), I(50), Py_None)));
    show("3**200 % 10**9", PyNumber_Remainder(big, PyLong_FromLong(1000000000)));
    show("3**200 / 2**300", PyNumber_TrueDivide(big, PyNumber_Power(I(2), I(300), Py_None)));
    show("-(3**200) >> 100", PyNumber_Rshift(PyNumber_Negative(big), I(100)));
    show("3**200 & -1024", PyNumber_And(big, I(-1024)));
    show("DivmodNear(7, 2)", _PyLong_DivmodNear(I(7), I(2)));
    show("DivmodNear(5, 2)", _PyLong_DivmodNear(I(5), I(2)));
    show("DivmodNear(-7, 2)", _PyLong_DivmodNear(I(-7), I(2)));
    show("GCD", _PyLong_GCD(PyNumber_Multiply(big, I(12)), PyNumber_Power(I(6), I(40), Py_None)));
    show_int("big ob_size", Py_SIZE(big));
    show_int("big digit[5]", ((PyLongObject *)big)->ob_digit[5]);
    show_int("AsLong(3**200)", PyLong_AsLong(big));
    show_double("AsDouble(3**200)", PyLong_AsDouble(big));
    show_double("AsDouble(10**400)", PyLong_AsDouble(PyNumber_Power(I(10), I(400), Py_None)));
    show("FromString big", PyLong_FromString("123456789012345678901234567890", NULL, 10));
    show("FromString hex", PyLong_FromString("-0xdeadbeefdeadbeefdeadbeef", NULL, 0));
    show("Format hex", _PyLong_Format(big, 16));
    Py_XDECREF(b);
    Py_XDECREF(big);
}

static void recursion(void) {
    /* A list nested 100000 deep: repr must raise RecursionError, not overflow the C stack. */
    PyObject *outer = PyList_New(0), *cur = outer;
    Py_INCREF(outer);
    for (int i = 0; i < 100000; i++) {
        PyObject *inner = PyList_New(0);
        PyList_Append(cur, inner);
        Py_DECREF(cur);
        cur = inner;
    }
    Py_DECREF(cur);
    show("deep repr", PyObject_Repr(outer));
    show("deep compare", PyObject_RichCompare(outer, outer, Py_LT));
    /* Tearing down a deep structure must not crash either (CPython uses the trashcan). */
    Py_DECREF(outer);
    show_int("survived", 1);
}

/* 1 when the call failed with SystemError (CPython's message names its source line). */
static int bad_call(int failed) {
    int r = failed && PyErr_ExceptionMatches(PyExc_SystemError);
    PyErr_Clear();
    return r;
}

/* set, frozenset, range, and the iterator builtins through the C API. */
static void sets_and_ranges(void) {
    PyObject *s = PySet_New(NULL);
    show_int("PySet_New(NULL) size", PySet_Size(s));
    for (long i = 0; i < 20; i += 3) PySet_Add(s, I(i));
    show_int("PySet_Add x7 size", PySet_Size(s));
    show_int("PySet_GET_SIZE", PySet_GET_SIZE(s));
    show_int("PySet_Add dup", PySet_Add(s, I(3)));
    show_int("PySet_Add unhashable", PySet_Add(s, PyList_New(0)));
    show_int("PySet_Contains 9", PySet_Contains(s, I(9)));
    show_int("PySet_Contains 10", PySet_Contains(s, I(10)));
    show_int("PySet_Contains unhashable", PySet_Contains(s, PyList_New(0)));
    show_int("PySet_Discard 9", PySet_Discard(s, I(9)));
    show_int("PySet_Discard 9 again", PySet_Discard(s, I(9)));
    show("set repr", PyObject_Repr(s));
    show_int("PySet_Check", PySet_Check(s));
    show_int("PyAnySet_Check", PyAnySet_Check(s));
    show_int("PyFrozenSet_Check(set)", PyFrozenSet_Check(s));
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t hash;
    long long total = 0, hashes = 0;
    while (_PySet_NextEntry(s, &pos, &key, &hash)) {
        total += PyLong_AsLong(key);
        hashes += hash;
    }
    show_int("_PySet_NextEntry sum", total);
    show_int("_PySet_NextEntry hash sum", hashes);
    show_int("smalltable in use", ((PySetObject *)s)->table == ((PySetObject *)s)->smalltable);
    show_int("mask", ((PySetObject *)s)->mask);
    show_int("fill", ((PySetObject *)s)->fill);
    show_int("used", ((PySetObject *)s)->used);
    PyObject *l = PyList_New(0);
    for (long i = 0; i < 100; i++) PyList_Append(l, I(i * 7));
    PyObject *big = PySet_New(l);
    show_int("big mask", ((PySetObject *)big)->mask);
    show_int("big fill", ((PySetObject *)big)->fill);
    show("big | s", PyNumber_Or(s, PySet_New(NULL)));
    show("s & big", PyNumber_And(s, big));
    show("s - big", PyNumber_Subtract(s, big));
    show_int("s < big", PyObject_RichCompareBool(s, big, Py_LT));
    show("PyNumber_InPlaceOr", PyNumber_InPlaceOr(s, PySet_New(Py_BuildValue("(ii)", 100, 200))));
    show_int("PySet_Size after |=", PySet_Size(s));
    PyObject *popped = PySet_Pop(s);
    show("PySet_Pop", popped);
    show_int("PySet_Clear", PySet_Clear(s));
    show("PySet_Pop empty", PySet_Pop(s));
    PyObject *f = PyFrozenSet_New(l);
    show_int("frozenset hash", PyObject_Hash(f));
    show_int("frozenset size", PySet_Size(f));
    Py_INCREF(f);
    show_int("PySet_Add shared frozenset", bad_call(PySet_Add(f, I(1)) == -1));
    Py_DECREF(f);
    PyObject *fresh = PyFrozenSet_New(NULL);
    show_int("PySet_Add fresh frozenset", PySet_Add(fresh, I(5)));
    show("fresh frozenset", fresh);
    show_int("PySet_Discard frozenset", bad_call(PySet_Discard(f, I(1)) == -1));
    show_int("PySet_Pop frozenset", bad_call(PySet_Pop(f) == NULL));
    show_int("PySet_Size(list)", bad_call(PySet_Size(l) == -1));
    show("PySet_New(5)", PySet_New(I(5)));
    show_int("_PySet_Update", _PySet_Update(s, l));
    show_int("size after update", PySet_Size(s));
    show_int("sizeof set", (long long)PyObject_Size(s));
    show("frozenset repr", PyObject_Repr(PyFrozenSet_New(Py_BuildValue("(sss)", "a", "b", "c"))));
    Py_DECREF(f);
    Py_DECREF(big);
    Py_DECREF(s);
    PyObject *r = PyObject_Call((PyObject *)&PyRange_Type, Py_BuildValue("(iii)", 1, 20, 3), NULL);
    show("range(1, 20, 3)", Py_XNewRef(r));
    show_int("len(range)", PyObject_Size(r));
    show("range[2]", PySequence_GetItem(r, 2));
    show_int("5 in range", PySequence_Contains(r, I(4)));
    PyObject *it = PyObject_GetIter(r);
    show_int("range_iterator type", Py_IS_TYPE(it, &PyRangeIter_Type));
    show("next(range_iterator)", PyIter_Next(it));
    Py_DECREF(it);
    show("PySequence_List(range)", PySequence_List(r));
    show("enumerate", PySequence_List(PyObject_Call((PyObject *)&PyEnum_Type, Py_BuildValue("(Oi)", r, 10), NULL)));
    show("reversed", PySequence_List(PyObject_CallOneArg((PyObject *)&PyReversed_Type, r)));
    show("zip", PySequence_List(PyObject_Call((PyObject *)&PyZip_Type, Py_BuildValue("(OO)", r, l), NULL)));
    show("filter", PySequence_List(PyObject_Call((PyObject *)&PyFilter_Type, Py_BuildValue("(OO)", Py_None, r), NULL)));
    show_int("map type", PyType_Check((PyObject *)&PyMap_Type));
    Py_DECREF(r);
    Py_DECREF(l);
}

/* complexobject.h: constructors, accessors, conversion, and the _Py_c_* arithmetic. */
static void complexes(void) {
    PyObject *c = PyComplex_FromDoubles(1.5, -2.0);
    Py_INCREF(c);
    show("FromDoubles", c);
    show_double("RealAsDouble", PyComplex_RealAsDouble(c));
    show_double("ImagAsDouble", PyComplex_ImagAsDouble(c));
    show_double("RealAsDouble(int)", PyComplex_RealAsDouble(I(7)));
    show_double("ImagAsDouble(int)", PyComplex_ImagAsDouble(I(7)));
    show_double("RealAsDouble(str)", PyComplex_RealAsDouble(S("x")));
    Py_complex v = PyComplex_AsCComplex(c);
    show_double("AsCComplex.real", v.real);
    show_double("AsCComplex.imag", v.imag);
    v = PyComplex_AsCComplex(PyFloat_FromDouble(2.5));
    show_double("AsCComplex(float).real", v.real);
    v = PyComplex_AsCComplex(S("no"));
    show_double("AsCComplex(str).real", v.real);
    Py_complex a = {3.0, 4.0}, b = {1.0, -1.0}, z = {0.0, 0.0};
    show("FromCComplex", PyComplex_FromCComplex(a));
    show("c_sum", PyComplex_FromCComplex(_Py_c_sum(a, b)));
    show("c_diff", PyComplex_FromCComplex(_Py_c_diff(a, b)));
    show("c_neg", PyComplex_FromCComplex(_Py_c_neg(a)));
    show("c_prod", PyComplex_FromCComplex(_Py_c_prod(a, b)));
    errno = 0;
    show("c_quot", PyComplex_FromCComplex(_Py_c_quot(a, b)));
    show_int("errno after quot", errno);
    errno = 0;
    _Py_c_quot(a, z);
    show_int("errno after quot by 0 is EDOM", errno == EDOM);
    errno = 0;
    show("c_pow", PyComplex_FromCComplex(_Py_c_pow(a, b)));
    show_int("errno after pow", errno);
    show_double("c_abs", _Py_c_abs(a));
    show_int("PyComplex_Check", PyComplex_Check(c));
    show_int("PyComplex_CheckExact", PyComplex_CheckExact(c));
    show_double("cval.imag", ((PyComplexObject *)c)->cval.imag);
    Py_DECREF(c);
}

static int audit_calls = 0;
static int audit_hook(const char *event, PyObject *args, void *data) {
    if (strncmp(event, "ferric.", 7) != 0) return 0;
    audit_calls++;
    printf("audit %s %d ", event, *(int *)data);
    show("args", Py_NewRef(args));
    if (strcmp(event, "ferric.veto") == 0) {
        PyErr_SetString(PyExc_PermissionError, "vetoed");
        return -1;
    }
    return 0;
}

static void sys_api(void) {
    show("sys.maxsize", Py_XNewRef(PySys_GetObject("maxsize")));
    show_int("missing is NULL", PySys_GetObject("no_such_attr") == NULL);
    show_int("no error after missing", PyErr_Occurred() == NULL);
    PyObject *v = I(42);
    show_int("SetObject", PySys_SetObject("ferric_test", v));
    show("sys.ferric_test", Py_XNewRef(PySys_GetObject("ferric_test")));
    show_int("SetObject NULL", PySys_SetObject("ferric_test", NULL));
    show_int("gone", PySys_GetObject("ferric_test") == NULL);
    show_int("SetObject NULL missing", PySys_SetObject("ferric_test", NULL));
    Py_DECREF(v);
    show_int("Audit without hooks", PySys_Audit("ferric.none", "i", 1));
    static int data = 7;
    show_int("AddAuditHook", PySys_AddAuditHook(audit_hook, &data));
    show_int("Audit", PySys_Audit("ferric.event", "(is)", 3, "x"));
    show_int("Audit one", PySys_Audit("ferric.one", "n", (Py_ssize_t)5));
    show_int("Audit none", PySys_Audit("ferric.empty", NULL));
    show_int("Audit veto", PySys_Audit("ferric.veto", "s", "no"));
    print_error();
    show_int("audit calls", audit_calls);
    PyObject *t = PyTuple_New(0);
    show_int("GetSizeOf(())", (long long)_PySys_GetSizeOf(t));
    Py_DECREF(t);
}

/* The _PyUnicodeWriter the way extensions drive it: Prepare macro, PyUnicode_WRITE into
 * writer.data, then the Write* calls widening the kind, Finish and Dealloc. */
static void unicode_writer(void) {
    _PyUnicodeWriter w;
    _PyUnicodeWriter_Init(&w);
    show_int("writer init min_char", w.min_char);
    show_int("writer init kind", w.kind);
    w.overallocate = 1;
    if (_PyUnicodeWriter_Prepare(&w, 10, 127) < 0) print_error();
    show_int("writer prepared kind", w.kind);
    show_int("writer prepared size", w.size);
    show_int("writer prepared maxchar", w.maxchar);
    const char *abc = "abc";
    for (int i = 0; i < 3; i++) PyUnicode_WRITE(w.kind, w.data, w.pos++, abc[i]);
    int rc = _PyUnicodeWriter_WriteChar(&w, 0xe9);
    show_int("writer writechar latin1", rc);
    show_int("writer kind after latin1", w.kind);
    PyObject *omega = S("\xce\xa9mega");
    rc = _PyUnicodeWriter_WriteStr(&w, omega);
    show_int("writer writestr ucs2", rc);
    show_int("writer kind after ucs2", w.kind);
    PyObject *emoji = S("x\xf0\x9f\x98\x80yz");
    rc = _PyUnicodeWriter_WriteSubstring(&w, emoji, 1, 3);
    show_int("writer writesubstring ucs4", rc);
    show_int("writer kind after ucs4", w.kind);
    show_int("writer pos", w.pos);
    rc = _PyUnicodeWriter_WriteSubstring(&w, emoji, 2, 2);
    show_int("writer empty substring", rc);
    if (_PyUnicodeWriter_Prepare(&w, 1, 'q') < 0) print_error();
    PyUnicode_WRITE(w.kind, w.data, w.pos++, 'q');
    rc = _PyUnicodeWriter_WriteStr(&w, emoji);
    show_int("writer writestr whole", rc);
    PyObject *r = _PyUnicodeWriter_Finish(&w);
    show_int("writer finish length", r ? PyUnicode_GET_LENGTH(r) : -1);
    show_int("writer finish kind", r ? PyUnicode_KIND(r) : -1);
    show("writer finish", r);

    /* One str written whole without overallocation is shared, then copied on write. */
    _PyUnicodeWriter_Init(&w);
    rc = _PyUnicodeWriter_WriteStr(&w, omega);
    show_int("writer readonly", w.readonly);
    show_int("writer readonly shares", w.buffer == omega);
    show_int("writer readonly size", w.size);
    r = _PyUnicodeWriter_Finish(&w);
    show_int("writer readonly finish is same", r == omega);
    Py_XDECREF(r);
    _PyUnicodeWriter_Init(&w);
    rc = _PyUnicodeWriter_WriteStr(&w, omega);
    rc = _PyUnicodeWriter_WriteChar(&w, '!');
    show_int("writer copied readonly", w.readonly);
    show_int("writer copied buffer differs", w.buffer != omega);
    r = _PyUnicodeWriter_Finish(&w);
    show("writer copy-on-write", r);
    show("writer original untouched", Py_NewRef(omega));

    _PyUnicodeWriter_Init(&w);
    r = _PyUnicodeWriter_Finish(&w);
    show("writer empty finish", r);
    _PyUnicodeWriter_Init(&w);
    rc = _PyUnicodeWriter_WriteChar(&w, 'x');
    r = _PyUnicodeWriter_Finish(&w);
    PyObject *x = PyUnicode_FromOrdinal('x');
    show_int("writer one char is singleton", r == x);
    Py_XDECREF(x);
    show("writer one char", r);
    /* PrepareKind, then ASCII text shared as a read-only buffer and copied on write. */
    _PyUnicodeWriter_Init(&w);
    w.overallocate = 1;
    rc = _PyUnicodeWriter_WriteASCIIString(&w, "xyz", -1);
    show_int("writer ascii overallocated", rc);
    show_int("writer ascii size", w.size);
    if (_PyUnicodeWriter_PrepareKind(&w, PyUnicode_2BYTE_KIND) < 0) print_error();
    show_int("writer preparekind kind", w.kind);
    show_int("writer preparekind maxchar", w.maxchar);
    if (_PyUnicodeWriter_Prepare(&w, 1, 0x3a9) < 0) print_error();
    PyUnicode_WRITE(w.kind, w.data, w.pos++, 0x3a9);
    show("writer preparekind result", _PyUnicodeWriter_Finish(&w));
    _PyUnicodeWriter_Init(&w);
    rc = _PyUnicodeWriter_WriteASCIIString(&w, "abcdef", 4);
    show_int("writer ascii readonly", w.readonly);
    rc = _PyUnicodeWriter_WriteASCIIString(&w, "gh", 2);
    show_int("writer ascii copied", w.readonly);
    show("writer ascii result", _PyUnicodeWriter_Finish(&w));
    _PyUnicodeWriter_Init(&w);
    w.min_length = 40;
    rc = _PyUnicodeWriter_WriteStr(&w, emoji);
    show_int("writer min_length size", w.size);
    rc = _PyUnicodeWriter_WriteChar(&w, 0x20ac);
    _PyUnicodeWriter_Dealloc(&w);
    show_int("writer dealloc clears", w.buffer == NULL);
    Py_DECREF(omega);
    Py_DECREF(emoji);
}

static void unicode_api(void) {
    unicode_writer();
    PyObject *hw = S("hello world");
    show("Substring", PyUnicode_Substring(hw, 6, 11));
    PyObject *whole = PyUnicode_Substring(hw, 0, 100);
    show_int("Substring whole is same", whole == hw);
    Py_XDECREF(whole);
    show("Substring empty", PyUnicode_Substring(hw, 5, 2));
    show("Substring negative", PyUnicode_Substring(hw, -1, 2));

    PyObject *items = PyList_New(0);
    PyList_Append(items, S("a"));  /* the list keeps the refs; the leaks are immaterial */
    PyList_Append(items, S("b"));
    PyList_Append(items, S("\xc3\xa7"));
    PyObject *sep = S(", ");
    show("Join", PyUnicode_Join(sep, items));
    show("Join NULL sep", PyUnicode_Join(NULL, items));
    PyObject *bad = PyList_New(0);
    PyList_Append(bad, S("a"));
    PyList_Append(bad, I(1));
    show("Join bad item", PyUnicode_Join(sep, bad));
    PyObject *five = I(5);
    show("Join not iterable", PyUnicode_Join(sep, five));
    show("Join bad sep", PyUnicode_Join(five, items));

    PyObject *spaced = S(" a b  c ");
    show("Split", PyUnicode_Split(spaced, NULL, -1));
    PyObject *comma = S(",");
    PyObject *csv = S("a,b,,c");
    show("Split sep", PyUnicode_Split(csv, comma, -1));
    show("Split maxsplit", PyUnicode_Split(csv, comma, 1));
    PyObject *empty = S("");
    show("Split empty sep", PyUnicode_Split(csv, empty, -1));
    show("Split not str", PyUnicode_Split(five, NULL, -1));
    show("Split sep not str", PyUnicode_Split(csv, five, -1));
    PyObject *lines = S("a\nb\r\nc\x1d" "d");
    show("Splitlines", PyUnicode_Splitlines(lines, 0));
    show("Splitlines keepends", PyUnicode_Splitlines(lines, 1));
    show("Splitlines not str", PyUnicode_Splitlines(five, 0));

    PyObject *aaa = S("aaa"), *a = S("a"), *bb = S("\xce\xb2\xce\xb2");
    show("Replace", PyUnicode_Replace(aaa, a, bb, -1));
    show("Replace count", PyUnicode_Replace(aaa, a, bb, 2));
    show("Replace not str", PyUnicode_Replace(aaa, five, bb, 2));

    PyObject *hello = S("hello"), *he = S("he"), *lo = S("lo");
    show_int("Tailmatch prefix", PyUnicode_Tailmatch(hello, he, 0, 5, -1));
    show_int("Tailmatch suffix", PyUnicode_Tailmatch(hello, lo, 0, 5, 1));
    show_int("Tailmatch suffix short end", PyUnicode_Tailmatch(hello, lo, 0, 3, 1));
    show_int("Tailmatch negative start", PyUnicode_Tailmatch(hello, lo, -2, 100, 1));
    show_int("Tailmatch not str", PyUnicode_Tailmatch(hello, five, 0, 5, 1));

    show_int("FindChar forward", PyUnicode_FindChar(hello, 'l', 0, 5, 1));
    show_int("FindChar backward", PyUnicode_FindChar(hello, 'l', 0, 5, -1));
    show_int("FindChar missing", PyUnicode_FindChar(hello, 'z', 0, 5, 1));
    show_int("FindChar negative start", PyUnicode_FindChar(hello, 'l', -2, 5, 1));
    show_int("FindChar big end", PyUnicode_FindChar(hello, 'o', 0, 99, 1));
    show_int("FindChar empty range", PyUnicode_FindChar(hello, 'h', 3, 2, 1));
    show_int("FindChar wide", PyUnicode_FindChar(bb, 0x3b2, 1, 2, 1));

    PyObject *left = S("abc");
    PyUnicode_Append(&left, bb);
    show("Append", Py_NewRef(left));
    PyUnicode_AppendAndDel(&left, S("!"));
    show("AppendAndDel", Py_NewRef(left));
    PyUnicode_Append(&left, five);
    show_int("Append bad leaves NULL", left == NULL);

    PyObject *fmt = S("%s-%d-%r");
    PyObject *fargs = PyTuple_Pack(3, a, five, bb);
    show("Format", PyUnicode_Format(fmt, fargs));
    PyObject *dfmt = S("%d");
    show("Format bad", PyUnicode_Format(dfmt, a));
    show("Format not str", PyUnicode_Format(five, a));

    PyObject *to = PyUnicode_New(6, 0xffff);
    show_int("Fill", PyUnicode_Fill(to, 0, 6, 'x'));
    show_int("Fill clipped", PyUnicode_Fill(to, 4, 10, 'y'));
    show_int("Fill too wide", PyUnicode_Fill(to, 0, 1, 0x10000));
    show_int("Fill negative start", PyUnicode_Fill(to, -1, 1, 'x'));
    PyObject *abw = S("ab\xce\xa9");
    show_int("CopyCharacters", PyUnicode_CopyCharacters(to, 1, abw, 0, 3));
    show_int("CopyCharacters clipped", PyUnicode_CopyCharacters(to, 4, abw, 2, 10));
    show_int("CopyCharacters bad index", PyUnicode_CopyCharacters(to, 7, abw, 0, 1));
    show_int("CopyCharacters too many", PyUnicode_CopyCharacters(to, 5, abw, 0, 3));
    show_int("CopyCharacters negative", PyUnicode_CopyCharacters(to, 0, abw, 0, -1));
    show_int("CopyCharacters not str", PyUnicode_CopyCharacters(to, 0, five, 0, 1));
    PyObject *asc = PyUnicode_New(3, 127);
    show_int("Fill ascii", PyUnicode_Fill(asc, 0, 3, '-'));
    show_int("CopyCharacters narrowing", PyUnicode_CopyCharacters(asc, 0, abw, 0, 3));
    show_int("CopyCharacters narrowing fits", PyUnicode_CopyCharacters(asc, 0, abw, 0, 2));
    _PyUnicode_FastCopyCharacters(asc, 2, hello, 4, 1);
    show("FastCopyCharacters", asc);
    show_int("WriteChar", PyUnicode_WriteChar(to, 0, 0x3a9));
    show_int("WriteChar bad index", PyUnicode_WriteChar(to, 6, 'a'));
    show_int("WriteChar too wide", PyUnicode_WriteChar(to, 0, 0x1f600));
    show("written", Py_NewRef(to));
    show_int("WriteChar shared", PyUnicode_WriteChar(to, 0, 'a'));
    show_int("Resize", PyUnicode_Resize(&to, 3));
    show("Resized", Py_NewRef(to));
    show_int("Resize grow", PyUnicode_Resize(&to, 4));
    show_int("Resize grown length", PyUnicode_GET_LENGTH(to));
    show_int("Resize negative", PyUnicode_Resize(&to, -1));
    show_int("Resize to empty", PyUnicode_Resize(&to, 0));
    show("Resized empty", to);
    PyObject *hashed = S("hashed");
    PyObject_Hash(hashed);
    show_int("WriteChar hashed", PyUnicode_WriteChar(hashed, 0, 'H'));
    show_int("Fill hashed", PyUnicode_Fill(hashed, 0, 1, 'H'));
    PyObject *cp = _PyUnicode_Copy(bb);
    show_int("_PyUnicode_Copy is new", cp != bb);
    show("_PyUnicode_Copy", cp);
    show("_PyUnicode_Copy not str", _PyUnicode_Copy(five));
    PyObject *hello2 = S("hello");
    show_int("_PyUnicode_Equal", _PyUnicode_Equal(hello, hello2));
    show_int("_PyUnicode_Equal differ", _PyUnicode_Equal(hello, he));
    Py_DECREF(hw); Py_DECREF(items); Py_DECREF(sep); Py_DECREF(bad); Py_DECREF(five);
    Py_DECREF(spaced); Py_DECREF(comma); Py_DECREF(csv); Py_DECREF(empty); Py_DECREF(lines);
    Py_DECREF(aaa); Py_DECREF(a); Py_DECREF(bb); Py_DECREF(hello); Py_DECREF(he); Py_DECREF(lo);
    Py_DECREF(fmt); Py_DECREF(fargs); Py_DECREF(dfmt); Py_DECREF(abw); Py_DECREF(hashed); Py_DECREF(hello2);
}

/* A UTF-16/32 decode with a byte order in and out: the order it settled on, then the str. */
static void show_decoded_order(const char *name, PyObject *(*decode)(const char *, Py_ssize_t, const char *, int *),
                               const char *data, Py_ssize_t n, int bo) {
    PyObject *r = decode(data, n, NULL, &bo);
    char label[80];
    snprintf(label, sizeof label, "%s order", name);
    show_int(label, bo);
    show(name, r);
}

static void unicode_codecs(void) {
    PyObject *mixed = S("a\xc3\xa9\xce\xa9");  /* aéΩ */
    PyObject *ascii = S("plain");
    PyObject *five = I(5);
    show("AsEncodedString utf-8", PyUnicode_AsEncodedString(mixed, "utf-8", NULL));
    show("AsEncodedString NULL encoding", PyUnicode_AsEncodedString(mixed, NULL, NULL));
    show("AsEncodedString latin-1 replace", PyUnicode_AsEncodedString(mixed, "latin-1", "replace"));
    show("AsEncodedString ascii strict", PyUnicode_AsEncodedString(mixed, "ascii", "strict"));
    show("AsEncodedString unknown", PyUnicode_AsEncodedString(mixed, "no-such-codec", NULL));
    show("AsEncodedString bad handler", PyUnicode_AsEncodedString(mixed, "ascii", "nonsense"));
    show("AsEncodedString not str", PyUnicode_AsEncodedString(five, "utf-8", NULL));
    show("AsASCIIString", PyUnicode_AsASCIIString(ascii));
    show("AsASCIIString fails", PyUnicode_AsASCIIString(mixed));
    show("AsASCIIString not str", PyUnicode_AsASCIIString(five));
    PyObject *lat = S("caf\xc3\xa9");
    show("AsLatin1String", PyUnicode_AsLatin1String(lat));
    show("AsLatin1String fails", PyUnicode_AsLatin1String(mixed));
    show("AsLatin1String not str", PyUnicode_AsLatin1String(five));
    PyObject *sur = PyUnicode_DecodeUTF8("a\xff" "b", 3, "surrogateescape");
    show("DecodeUTF8 surrogateescape", Py_NewRef(sur));
    show("_PyUnicode_AsUTF8String strict", _PyUnicode_AsUTF8String(sur, NULL));
    show("_PyUnicode_AsUTF8String surrogateescape", _PyUnicode_AsUTF8String(sur, "surrogateescape"));
    show("_PyUnicode_AsUTF8String not str", _PyUnicode_AsUTF8String(five, NULL));
    show("EncodeFSDefault", PyUnicode_EncodeFSDefault(sur));
    show("EncodeLocale", PyUnicode_EncodeLocale(ascii, NULL));
    show("EncodeLocale surrogateescape", PyUnicode_EncodeLocale(sur, "surrogateescape"));
    Py_DECREF(sur);

    show("Decode utf-8", PyUnicode_Decode("a\xc3\xa9", 3, "utf-8", NULL));
    show("Decode NULL encoding", PyUnicode_Decode("a\xc3\xa9", 3, NULL, NULL));
    show("Decode latin-1", PyUnicode_Decode("a\xc3\xa9", 3, "latin-1", NULL));
    show("Decode ascii replace", PyUnicode_Decode("a\xc3\xa9", 3, "ascii", "replace"));
    show("Decode unknown", PyUnicode_Decode("abc", 3, "no-such-codec", NULL));
    show("Decode bad utf-8", PyUnicode_Decode("a\xc3(", 3, "utf-8", "strict"));
    show("DecodeUTF8 replace", PyUnicode_DecodeUTF8("a\xc3(", 3, "replace"));
    show("DecodeUTF8 ignore", PyUnicode_DecodeUTF8("a\xc3(", 3, "ignore"));
    show("DecodeUTF8 bad handler", PyUnicode_DecodeUTF8("a\xc3(", 3, "nonsense"));
    show("DecodeASCII", PyUnicode_DecodeASCII("abc", 3, NULL));
    show("DecodeASCII error", PyUnicode_DecodeASCII("ab\x80", 3, NULL));
    show("DecodeASCII backslashreplace", PyUnicode_DecodeASCII("ab\x80", 3, "backslashreplace"));
    show("DecodeLatin1", PyUnicode_DecodeLatin1("\xe9\xff", 2, NULL));
    Py_ssize_t consumed = -1;
    PyObject *r = PyUnicode_DecodeUTF8Stateful("ab\xe2\x82", 4, NULL, &consumed);
    show_int("DecodeUTF8Stateful consumed", consumed);
    show("DecodeUTF8Stateful", r);
    r = PyUnicode_DecodeUTF8Stateful("ab\xe2\x82\xac", 5, NULL, &consumed);
    show_int("DecodeUTF8Stateful complete consumed", consumed);
    show("DecodeUTF8Stateful complete", r);
    show("DecodeUTF8Stateful no consumed", PyUnicode_DecodeUTF8Stateful("ab\xe2\x82", 4, NULL, NULL));
    r = PyUnicode_DecodeUTF8Stateful("a\xff\xe2", 3, "replace", &consumed);
    show_int("DecodeUTF8Stateful bad then partial consumed", consumed);
    show("DecodeUTF8Stateful bad then partial", r);

    show_decoded_order("DecodeUTF16 bom", PyUnicode_DecodeUTF16, "\xff\xfe" "a\0\xa9\x03", 6, 0);
    show_decoded_order("DecodeUTF16 be bom", PyUnicode_DecodeUTF16, "\xfe\xff\0a\xd8\x3d\xde\x00", 8, 0);
    show_decoded_order("DecodeUTF16 be", PyUnicode_DecodeUTF16, "\0a\0b", 4, 1);
    show("DecodeUTF16 NULL order", PyUnicode_DecodeUTF16("a\0b\0", 4, NULL, NULL));
    show("DecodeUTF16 truncated", PyUnicode_DecodeUTF16("a\0b", 3, NULL, NULL));
    show("DecodeUTF16 lone low", PyUnicode_DecodeUTF16("\x00\xdc" "a\0", 4, NULL, NULL));
    show("DecodeUTF16 unexpected end", PyUnicode_DecodeUTF16("a\0\x3d\xd8", 4, NULL, NULL));
    show("DecodeUTF16 bad pair", PyUnicode_DecodeUTF16("\x3d\xd8" "a\0", 4, NULL, NULL));
    show("DecodeUTF16 bad pair replace", PyUnicode_DecodeUTF16("\x3d\xd8" "a\0", 4, "replace", NULL));
    show_decoded_order("DecodeUTF32 bom", PyUnicode_DecodeUTF32, "\xff\xfe\0\0" "a\0\0\0\x00\xf6\x01\x00", 12, 0);
    show_decoded_order("DecodeUTF32 be", PyUnicode_DecodeUTF32, "\0\0\0a", 4, 1);
    show("DecodeUTF32 truncated", PyUnicode_DecodeUTF32("a\0\0\0b\0", 6, NULL, NULL));
    show("DecodeUTF32 surrogate", PyUnicode_DecodeUTF32("\x00\xd8\0\0", 4, NULL, NULL));
    show("DecodeUTF32 too big", PyUnicode_DecodeUTF32("\0\0\x11\0", 4, NULL, NULL));
    show("DecodeUTF32 too big ignore", PyUnicode_DecodeUTF32("\0\0\x11\0" "a\0\0\0", 8, "ignore", NULL));

    show("DecodeRawUnicodeEscape", PyUnicode_DecodeRawUnicodeEscape("a\\u03a9\\U0001F600\\n\\", 20, NULL));
    show("DecodeRawUnicodeEscape truncated", PyUnicode_DecodeRawUnicodeEscape("a\\u03", 5, NULL));
    show("DecodeRawUnicodeEscape bad digit", PyUnicode_DecodeRawUnicodeEscape("\\u00zz", 6, NULL));
    show("DecodeRawUnicodeEscape out of range", PyUnicode_DecodeRawUnicodeEscape("\\U00110000", 10, NULL));
    show("DecodeRawUnicodeEscape replace", PyUnicode_DecodeRawUnicodeEscape("\\u00zz", 6, "replace"));

    show("DecodeFSDefault", PyUnicode_DecodeFSDefault("/tmp/caf\xc3\xa9\xff"));
    show("DecodeFSDefaultAndSize", PyUnicode_DecodeFSDefaultAndSize("abc\xff", 4));
    show("DecodeLocale", PyUnicode_DecodeLocale("plain", NULL));
    show("DecodeLocale surrogateescape", PyUnicode_DecodeLocale("a\xff", "surrogateescape"));

    PyObject *b = PyBytes_FromString("caf\xc3\xa9");
    show("FromEncodedObject", PyUnicode_FromEncodedObject(b, NULL, NULL));
    show("FromEncodedObject latin-1", PyUnicode_FromEncodedObject(b, "latin-1", NULL));
    show("FromEncodedObject str", PyUnicode_FromEncodedObject(ascii, NULL, NULL));
    show("FromEncodedObject int", PyUnicode_FromEncodedObject(five, NULL, NULL));

    PyObject *out = NULL;
    int rc = PyUnicode_FSConverter(mixed, &out);
    show_int("FSConverter str rc", rc);
    show("FSConverter str", out);
    out = NULL;
    rc = PyUnicode_FSConverter(b, &out);
    show_int("FSConverter bytes rc", rc);
    show_int("FSConverter bytes same", out == b);
    rc = PyUnicode_FSConverter(NULL, &out);
    show_int("FSConverter cleanup rc", rc);
    show_int("FSConverter cleanup clears", out == NULL);
    PyObject *nul = PyUnicode_FromStringAndSize("a\0b", 3);
    rc = PyUnicode_FSConverter(nul, &out);
    show_int("FSConverter embedded null", rc);
    rc = PyUnicode_FSConverter(five, &out);
    show_int("FSConverter int", rc);

    Py_UCS4 buf[8];
    Py_UCS4 *p = PyUnicode_AsUCS4(mixed, buf, 8, 1);
    show_int("AsUCS4 returns buffer", p == buf);
    show_int("AsUCS4 chars", (long long)buf[0] * 1000000 + buf[1] * 1000 + buf[2]);
    show_int("AsUCS4 nul", buf[3]);
    p = PyUnicode_AsUCS4(mixed, buf, 3, 1);
    show_int("AsUCS4 too small", p == NULL);
    show_int("AsUCS4 too small nul", buf[0]);
    p = PyUnicode_AsUCS4(mixed, buf, 3, 0);
    show_int("AsUCS4 exact no nul", p == buf);
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(mixed);
    show_int("AsUCS4Copy", copy ? (long long)copy[2] * 10 + copy[3] : -1);
    PyMem_Free(copy);
    wchar_t wbuf[8];
    show_int("AsWideChar size query", PyUnicode_AsWideChar(mixed, NULL, 0));
    Py_ssize_t n = PyUnicode_AsWideChar(mixed, wbuf, 8);
    show_int("AsWideChar", n);
    show_int("AsWideChar chars", (long long)wbuf[2] * 10 + wbuf[3]);
    wbuf[2] = 7;
    n = PyUnicode_AsWideChar(mixed, wbuf, 2);
    show_int("AsWideChar short", n);
    show_int("AsWideChar short untouched", wbuf[2]);
    show_int("AsWideChar not str", PyUnicode_AsWideChar(five, wbuf, 8));
    Py_ssize_t wsize = -1;
    wchar_t *ws = PyUnicode_AsWideCharString(mixed, &wsize);
    show_int("AsWideCharString size", wsize);
    show_int("AsWideCharString chars", ws ? (long long)ws[2] * 10 + ws[3] : -1);
    PyMem_Free(ws);
    ws = PyUnicode_AsWideCharString(nul, NULL);
    show_int("AsWideCharString embedded null", ws == NULL);
    ws = PyUnicode_AsWideCharString(five, &wsize);
    show_int("AsWideCharString not str", ws == NULL);
    ws = PyUnicode_AsWideCharString(nul, &wsize);
    show_int("AsWideCharString with size", wsize);
    PyMem_Free(ws);
    show("FromWideChar", PyUnicode_FromWideChar(L"a\u00e9\u03a9\U0001F600", -1));
    show("FromWideChar sized", PyUnicode_FromWideChar(L"abc", 2));
    show("FromWideChar empty", PyUnicode_FromWideChar(NULL, 0));
    /* The deprecated Py_UNICODE API: a wchar_t copy cached on the str. */
    Py_ssize_t usize = -1;
    Py_UNICODE *u = PyUnicode_AsUnicodeAndSize(mixed, &usize);
    show_int("AsUnicodeAndSize size", usize);
    show_int("AsUnicodeAndSize chars", u ? (long long)u[1] * 10 + u[3] : -1);
    show_int("AsUnicode cached", PyUnicode_AsUnicode(mixed) == u);
    u = PyUnicode_AsUnicode(ascii);
    show_int("AsUnicode ascii", u ? (long long)u[0] * 10 + u[5] : -1);
    show_int("AsUnicode not str", PyUnicode_AsUnicode(five) == NULL);
    show("FromUnicode", PyUnicode_FromUnicode(L"x\u00e9", 2));
    show("FromUnicode empty", PyUnicode_FromUnicode(NULL, 0));
    wchar_t badw[2] = {0x110000, 0};
    show("FromWideChar out of range", PyUnicode_FromWideChar(badw, 1));
    Py_DECREF(mixed); Py_DECREF(ascii); Py_DECREF(five); Py_DECREF(lat); Py_DECREF(b); Py_DECREF(nul);
}

/* The character-property functions behind the Py_UNICODE_IS and Py_UNICODE_TO macros. */
static void unicode_ctype(void) {
    static const Py_UCS4 chars[] = {'a', 'A', ' ', '5', 0x7f, 0xa0, 0xb2, 0xbd, 0x1c5, 0x3a9, 0x3c9, 0x661,
                                    0x2028, 0x2155, 0x2460, 0x216b, 0x4e94, 0x1f600, 0xd800, 0x10fffe};
    for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++) {
        Py_UCS4 c = chars[i];
        char line[200];
        snprintf(line, sizeof line,
                 "alpha=%d decimal=%d digit=%d numeric=%d lower=%d upper=%d title=%d space=%d printable=%d "
                 "todecimal=%d todigit=%d tonumeric=%g",
                 _PyUnicode_IsAlpha(c), _PyUnicode_IsDecimalDigit(c), _PyUnicode_IsDigit(c),
                 _PyUnicode_IsNumeric(c), _PyUnicode_IsLowercase(c), _PyUnicode_IsUppercase(c),
                 _PyUnicode_IsTitlecase(c), _PyUnicode_IsWhitespace(c), _PyUnicode_IsPrintable(c),
                 _PyUnicode_ToDecimalDigit(c), _PyUnicode_ToDigit(c), _PyUnicode_ToNumeric(c));
        char name[40];
        snprintf(name, sizeof name, "ctype U+%04X", (unsigned)c);
        show_str(name, line);
    }
    /* Every code point, folded into one checksum per function family. */
    unsigned long long flags_sum = 0, value_sum = 0;
    double numeric_sum = 0;
    for (Py_UCS4 c = 0; c < 0x110000; c++) {
        unsigned bits = _PyUnicode_IsAlpha(c) | _PyUnicode_IsDecimalDigit(c) << 1 | _PyUnicode_IsDigit(c) << 2 |
                        _PyUnicode_IsNumeric(c) << 3 | _PyUnicode_IsLowercase(c) << 4 | _PyUnicode_IsUppercase(c) << 5 |
                        _PyUnicode_IsTitlecase(c) << 6 | _PyUnicode_IsWhitespace(c) << 7 | _PyUnicode_IsPrintable(c) << 8;
        flags_sum = flags_sum * 1000003 + bits;
        value_sum = value_sum * 1000003 + (unsigned)(_PyUnicode_ToDecimalDigit(c) + 1) * 16 + (unsigned)(_PyUnicode_ToDigit(c) + 1);
        double v = _PyUnicode_ToNumeric(c);
        if (v != -1.0) numeric_sum += v * (double)(c % 7 + 1);
    }
    show_int("ctype flags checksum", (long long)flags_sum);
    show_int("ctype values checksum", (long long)value_sum);
    show_double("ctype numeric checksum", numeric_sum);
}

typedef int (*set_index_fn)(PyObject *, Py_ssize_t);
typedef int (*get_index_fn)(PyObject *, Py_ssize_t *);

/* Sets start, end and reason of a Unicode error, then shows it and the getters' view. */
static void edit_unicode_error(const char *what, PyObject *e, set_index_fn set_start, set_index_fn set_end,
                               int (*set_reason)(PyObject *, const char *), get_index_fn get_start,
                               get_index_fn get_end, Py_ssize_t start, Py_ssize_t end, const char *reason) {
    char name[80];
    snprintf(name, sizeof name, "%s set start/end/reason", what);
    int rc = set_start(e, start) * 100 + set_end(e, end) * 10;
    rc += reason ? set_reason(e, reason) : 0;
    show_int(name, rc);
    snprintf(name, sizeof name, "%s edited", what);
    show(name, PyObject_Str(e));
    Py_ssize_t v = -1, w = -1;
    rc = get_start(e, &v);
    rc = rc * 10 + get_end(e, &w);
    snprintf(name, sizeof name, "%s get start/end rc", what);
    show_int(name, rc);
    snprintf(name, sizeof name, "%s get start*100+end", what);
    show_int(name, v * 100 + w);
}

/* UnicodeDecodeError/UnicodeEncodeError built and edited from C, as codec error handlers do. */
static void unicode_errors(void) {
    PyObject *e = PyUnicodeDecodeError_Create("utf-8", "ab\xff\xfe", 4, 2, 3, "invalid start byte");
    show("DecodeError_Create", PyObject_Str(e));
    show_int("DecodeError type", Py_IS_TYPE(e, (PyTypeObject *)PyExc_UnicodeDecodeError));
    edit_unicode_error("DecodeError", e, PyUnicodeDecodeError_SetStart, PyUnicodeDecodeError_SetEnd,
                       PyUnicodeDecodeError_SetReason, PyUnicodeDecodeError_GetStart, PyUnicodeDecodeError_GetEnd,
                       1, 4, "made up");
    /* Out-of-range indices are stored as given and clipped by the getters. */
    edit_unicode_error("DecodeError clipped", e, PyUnicodeDecodeError_SetStart, PyUnicodeDecodeError_SetEnd,
                       PyUnicodeDecodeError_SetReason, PyUnicodeDecodeError_GetStart, PyUnicodeDecodeError_GetEnd,
                       10, 0, NULL);
    show("DecodeError_GetObject", PyUnicodeDecodeError_GetObject(e));
    show("DecodeError_GetEncoding", PyUnicodeDecodeError_GetEncoding(e));
    show("DecodeError_GetReason", PyUnicodeDecodeError_GetReason(e));
    show("DecodeError start attr", PyObject_GetAttrString(e, "start"));
    Py_DECREF(e);
    show("DecodeError_Create end past data", PyUnicodeDecodeError_Create("utf-8", "ab", 2, 0, 5, "x"));

    PyObject *s = S("a\xce\xa9" "b");
    PyObject *ee = PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", "ascii", s, (Py_ssize_t)1, (Py_ssize_t)2, "nope");
    show("EncodeError", PyObject_Str(ee));
    edit_unicode_error("EncodeError", ee, PyUnicodeEncodeError_SetStart, PyUnicodeEncodeError_SetEnd,
                       PyUnicodeEncodeError_SetReason, PyUnicodeEncodeError_GetStart, PyUnicodeEncodeError_GetEnd,
                       0, 3, "still no");
    show("EncodeError_GetObject", PyUnicodeEncodeError_GetObject(ee));
    show("EncodeError_GetEncoding", PyUnicodeEncodeError_GetEncoding(ee));
    show("EncodeError_GetReason", PyUnicodeEncodeError_GetReason(ee));
    show("EncodeError reason attr", PyObject_GetAttrString(ee, "reason"));
    Py_ssize_t v = -1;
    show_int("DecodeError_GetStart on encode error", PyUnicodeDecodeError_GetStart(ee, &v));
    Py_DECREF(ee);
    Py_DECREF(s);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    Py_Initialize();
    singletons();
    ints();
    floats();
    strings();
    tuples();
    lists();
    dicts();
    bytes_checks();
    bytearray_checks();
    types();
    heap_types();
    errors();
    variadic();
    small_objects();
    weakrefs();
    cycles();
    spec_types();
    extras();
    structseqs();
    bigints();
    recursion();
    sets_and_ranges();
    complexes();
    sys_api();
    unicode_api();
    unicode_codecs();
    unicode_ctype();
    unicode_errors();
    printf("checks: %d\n", n_checks);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}
