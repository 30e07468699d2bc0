/* `_PyRuntime` as CPython's own modules see it: built with Py_BUILD_CORE against the host's
 * internal headers, so `_Py_ID(name)`, `_Py_STR(name)`, `_PyLong_GetZero()` and the
 * one-character strings compile to addresses inside `_PyRuntime`. Linked against CPython and
 * against Ferric; both must print the same lines. With the argument "interned" it prints,
 * instead, whether each identifier is the interned str of its text (Ferric's promise; 3.11
 * does not intern its static strings). */
#define PY_SSIZE_T_CLEAN
#define Py_BUILD_CORE 1
#include <Python.h>
#include "internal/pycore_runtime.h"
#include "internal/pycore_long.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_hashtable.h"
#include <stdio.h>
#include <string.h>

static int n_checks = 0;

static void check(const char *name, int ok) {
    n_checks++;
    printf("%s: %s\n", name, ok ? "ok" : "FAILED");
    if (PyErr_Occurred()) {
        printf("  (error pending)\n");
        PyErr_Clear();
    }
}

/* Is `o` an exact str whose text is `text`, with a hash equal to that of a fresh copy? */
static int is_str(PyObject *o, const char *text) {
    if (!PyUnicode_CheckExact(o)) return 0;
    PyObject *fresh = PyUnicode_FromString(text);
    int ok = PyUnicode_GET_LENGTH(o) == PyUnicode_GET_LENGTH(fresh) && PyUnicode_Compare(o, fresh) == 0 &&
             PyObject_Hash(o) == PyObject_Hash(fresh) && strcmp(PyUnicode_AsUTF8(o), text) == 0;
    Py_DECREF(fresh);
    return ok;
}

/* Walks the identifiers (each a PyASCIIObject and its NUL-terminated text, padded to 8). */
typedef void (*visit)(PyObject *id, const char *text, void *ctx);
static int each_identifier(visit f, void *ctx) {
    char *p = (char *)&_Py_SINGLETON(strings.identifiers);
    char *end = p + sizeof(_Py_SINGLETON(strings.identifiers));
    int n = 0;
    while (p < end) {
        PyASCIIObject *a = (PyASCIIObject *)p;
        const char *text = (const char *)(a + 1);
        f((PyObject *)a, text, ctx);
        p += (sizeof(PyASCIIObject) + (size_t)a->length + 1 + 7) / 8 * 8;
        n++;
    }
    return n;
}

static void count_valid(PyObject *id, const char *text, void *ctx) {
    if (is_str(id, text)) ++*(int *)ctx;
}

static void count_interned(PyObject *id, const char *text, void *ctx) {
    PyObject *s = PyUnicode_InternFromString(text);
    if (s == id && PyUnicode_CHECK_INTERNED(id)) ++*(int *)ctx;
    Py_XDECREF(s);
}

/* ---- the internal hash table ----------------------------------------------------------- */

static Py_uhash_t int_hash(const void *key) { return (Py_uhash_t)(uintptr_t)key * 2654435761u; }
static int destroyed = 0, ht_allocs = 0;
static void count_destroy(void *v) { destroyed++; }
static void *count_malloc(size_t n) { ht_allocs++; return PyMem_RawMalloc(n); }
static void count_free(void *p) { PyMem_RawFree(p); }
static char order[4096];
static int visit_key(_Py_hashtable_t *ht, const void *key, const void *value, void *data) {
    size_t n = strlen(order);
    snprintf(order + n, sizeof order - n, "%d,", (int)(uintptr_t)key);
    *(long *)data += (long)(uintptr_t)value;
    return (uintptr_t)key == 9999;
}

static void hashtable_checks(void) {
    _Py_hashtable_allocator_t alloc = {count_malloc, count_free};
    _Py_hashtable_t *ht = _Py_hashtable_new_full(int_hash, _Py_hashtable_compare_direct, NULL, count_destroy, &alloc);
    check("new_full", ht != NULL);
    for (uintptr_t i = 1; i <= 100; i++) _Py_hashtable_set(ht, (void *)i, (void *)(i * 10));
    printf("nentries %zu nbuckets %zu\n", ht->nentries, ht->nbuckets);
    check("get(7)", _Py_hashtable_get(ht, (void *)7) == (void *)70);
    check("get_entry(8) (the header's inline)", _Py_hashtable_get_entry(ht, (void *)8) && _Py_hashtable_get_entry(ht, (void *)8)->value == (void *)80);
    check("get(1000) is NULL", _Py_hashtable_get(ht, (void *)1000) == NULL);
    check("steal(5)", _Py_hashtable_steal(ht, (void *)5) == (void *)50);
    check("steal(5) again", _Py_hashtable_steal(ht, (void *)5) == NULL);
    for (uintptr_t i = 10; i <= 95; i++) _Py_hashtable_steal(ht, (void *)i);
    printf("after steals: nentries %zu nbuckets %zu\n", ht->nentries, ht->nbuckets);
    long sum = 0;
    order[0] = 0;
    int r = _Py_hashtable_foreach(ht, visit_key, &sum);
    printf("foreach: %d sum %ld order %s\n", r, sum, order);
    _Py_hashtable_set(ht, (void *)9999, NULL);
    order[0] = 0;
    r = _Py_hashtable_foreach(ht, visit_key, &sum);
    printf("foreach stopped: %d\n", r);
    _Py_hashtable_clear(ht);
    printf("cleared: nentries %zu nbuckets %zu destroyed %d\n", ht->nentries, ht->nbuckets, destroyed);
    _Py_hashtable_set(ht, (void *)3, (void *)30);
    _Py_hashtable_destroy(ht);
    printf("destroyed %d, allocations %d\n", destroyed, ht_allocs);
    _Py_hashtable_t *pt = _Py_hashtable_new(_Py_hashtable_hash_ptr, _Py_hashtable_compare_direct);
    static int a, b;
    _Py_hashtable_set(pt, &a, &b);
    check("pointer table get", _Py_hashtable_get(pt, &a) == &b && _Py_hashtable_get(pt, &b) == NULL);
    check("hash_ptr rotates by 4", _Py_hashtable_hash_ptr((void *)0x1230) == 0x123);
    _Py_hashtable_destroy(pt);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    Py_Initialize();
    if (argc > 1 && strcmp(argv[1], "interned") == 0) {
        int interned = 0;
        int n = each_identifier(count_interned, &interned);
        printf("identifiers interned: %d of %d\n", interned, n);
        PyObject *k = PyUnicode_FromString("__name__");
        PyUnicode_InternInPlace(&k);
        printf("InternInPlace(__name__) is _Py_ID: %d\n", k == &_Py_ID(__name__));
        Py_DECREF(k);
        return 0;
    }
    printf("sizeof(_PyRuntimeState): %zu\n", sizeof(_PyRuntimeState));
    check("_Py_ID(__name__)", is_str(&_Py_ID(__name__), "__name__"));
    check("_Py_ID(False)", is_str(&_Py_ID(False), "False"));
    check("_Py_ID(zipimporter)", is_str(&_Py_ID(zipimporter), "zipimporter"));
    check("_Py_ID(__init__)", is_str(&_Py_ID(__init__), "__init__"));
    check("_Py_ID(encoding)", is_str(&_Py_ID(encoding), "encoding"));
    int valid = 0;
    int n = each_identifier(count_valid, &valid);
    printf("identifiers: %d, valid str: %d\n", n, valid);
    check("_Py_STR(empty)", is_str(&_Py_STR(empty), ""));
    check("_Py_STR(dot_locals)", is_str(&_Py_STR(dot_locals), ".<locals>"));
    check("_Py_STR(newline)", is_str(&_Py_STR(newline), "\n"));
    check("_Py_STR(list_err)", is_str(&_Py_STR(list_err), "list index out of range"));
    check("_Py_STR(utf_8)", is_str(&_Py_STR(utf_8), "utf-8"));
    PyObject *e = PyUnicode_FromString("");
    check("'' is _Py_STR(empty)", e == &_Py_STR(empty));
    Py_DECREF(e);
    PyObject *a = PyUnicode_FromOrdinal('a');
    check("'a' is the ascii singleton", a == (PyObject *)&_Py_SINGLETON(strings).ascii['a']);
    Py_DECREF(a);
    PyObject *eacute = PyUnicode_FromOrdinal(0xe9);
    check("'\\xe9' is the latin1 singleton", eacute == (PyObject *)&_Py_SINGLETON(strings).latin1[0xe9 - 128]);
    Py_DECREF(eacute);
    char e_utf8[] = "\xc3\xa9";
    check("latin1 singleton text", is_str((PyObject *)&_Py_SINGLETON(strings).latin1[0xe9 - 128], e_utf8));
    PyObject *zero = PyLong_FromLong(0), *one = PyLong_FromLong(1), *m5 = PyLong_FromLong(-5), *big = PyLong_FromLong(256);
    check("_PyLong_GetZero() is 0", _PyLong_GetZero() == zero);
    check("_PyLong_GetOne() is 1", _PyLong_GetOne() == one);
    check("small_ints[0] is -5", (PyObject *)&_PyLong_SMALL_INTS[0] == m5);
    check("small_ints[261] is 256", (PyObject *)&_PyLong_SMALL_INTS[261] == big);
    Py_DECREF(zero);
    Py_DECREF(one);
    Py_DECREF(m5);
    Py_DECREF(big);
    check("_PyThreadState_GET() is PyThreadState_Get()", _PyThreadState_GET() == PyThreadState_Get());
    PyThreadState *held = PyEval_SaveThread();
    int null_while_released = _PyThreadState_GET() == NULL;
    PyEval_RestoreThread(held);
    check("tstate_current is NULL while the GIL is released", null_while_released);
    check("tstate_current is back after PyEval_RestoreThread", _PyThreadState_GET() == held);
    /* Identifiers work as dict keys against equal strings made elsewhere. */
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "__name__", Py_None);
    check("dict lookup by _Py_ID", PyDict_GetItemWithError(d, &_Py_ID(__name__)) == Py_None);
    PyDict_SetItem(d, &_Py_ID(__doc__), Py_True);
    check("dict lookup of _Py_ID key by text", PyDict_GetItemString(d, "__doc__") == Py_True);
    Py_DECREF(d);
    hashtable_checks();
    printf("checks: %d\n", n_checks);
    return 0;
}
