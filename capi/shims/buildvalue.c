/* Py_BuildValue and the variadic calling helpers built on it (modsupport.c and call.c in
 * CPython): PyObject_CallFunction/Method, the ObjArgs variants, PyTuple_Pack. */
#include "shim.h"

#include <string.h>

#define FLAG_SIZE_T 1

static PyObject *make_value(const char **fmt, va_list *ap, int flags);

/* Counts the items up to the closing `end` at this nesting level; -1 on a bad format. */
static Py_ssize_t count_items(const char *f, char end) {
    Py_ssize_t n = 0;
    int level = 0;
    for (; *f; f++) {
        if (level == 0 && *f == end) return n;
        switch (*f) {
        case '(': case '[': case '{':
            if (level == 0) n++;
            level++;
            break;
        case ')': case ']': case '}':
            level--;
            if (level < 0) return -1;
            break;
        case '#': case '&': case ',': case ':': case ' ': case '\t':
            break;
        default:
            if (level == 0) n++;
        }
    }
    if (end != '\0') {
        PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
        return -1;
    }
    return n;
}

/* Consumes the arguments of the items left at this level after an error, releasing the
 * references that 'N' would have stolen. */
static void skip_items(const char **fmt, va_list *ap, Py_ssize_t n, int flags) {
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *saved_t, *saved_v, *saved_tb;
        PyErr_Fetch(&saved_t, &saved_v, &saved_tb);
        PyObject *v = make_value(fmt, ap, flags);
        Py_XDECREF(v);
        PyErr_Restore(saved_t, saved_v, saved_tb);
    }
}

static PyObject *make_sequence(const char **fmt, va_list *ap, int flags, char end, int as_list) {
    Py_ssize_t n = count_items(*fmt, end);
    if (n < 0) return NULL;
    PyObject *seq = as_list ? PyList_New(n) : PyTuple_New(n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = make_value(fmt, ap, flags);
        if (v == NULL || seq == NULL) {
            Py_XDECREF(v);
            skip_items(fmt, ap, n - i - 1, flags);
            Py_XDECREF(seq);
            return NULL;
        }
        if (as_list) PyList_SetItem(seq, i, v);
        else PyTuple_SetItem(seq, i, v);
    }
    if (**fmt != end) {
        Py_XDECREF(seq);
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return NULL;
    }
    if (end) ++*fmt;
    return seq;
}

static PyObject *make_dict(const char **fmt, va_list *ap, int flags) {
    Py_ssize_t n = count_items(*fmt, '}');
    if (n < 0) return NULL;
    if (n % 2) {
        PyErr_SetString(PyExc_SystemError, "Bad dict format");
        skip_items(fmt, ap, n, flags);
        return NULL;
    }
    PyObject *d = PyDict_New();
    for (Py_ssize_t i = 0; i < n; i += 2) {
        PyObject *k = make_value(fmt, ap, flags);
        PyObject *v = k ? make_value(fmt, ap, flags) : NULL;
        if (k == NULL || v == NULL || d == NULL || PyDict_SetItem(d, k, v) < 0) {
            Py_XDECREF(k);
            Py_XDECREF(v);
            skip_items(fmt, ap, n - i - (k ? 2 : 1), flags);
            Py_XDECREF(d);
            return NULL;
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    if (**fmt != '}') {
        Py_XDECREF(d);
        PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        return NULL;
    }
    ++*fmt;
    return d;
}

/* Reads the length after a '#' code. */
static int read_length(const char **fmt, va_list *ap, int flags, Py_ssize_t *n) {
    if (**fmt != '#') {
        *n = -1;
        return 0;
    }
    if (!(flags & FLAG_SIZE_T)) {
        PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
        return -1;
    }
    ++*fmt;
    *n = va_arg(*ap, Py_ssize_t);
    return 0;
}

static PyObject *make_value(const char **fmt, va_list *ap, int flags) {
    for (;;) {
        char c = *(*fmt)++;
        switch (c) {
        case '(':
            return make_sequence(fmt, ap, flags, ')', 0);
        case '[':
            return make_sequence(fmt, ap, flags, ']', 1);
        case '{':
            return make_dict(fmt, ap, flags);
        case 'b': case 'B': case 'h': case 'i':
            return PyLong_FromLong((long)va_arg(*ap, int));
        case 'H':
            return PyLong_FromLong((long)(unsigned short)va_arg(*ap, int));
        case 'I':
            return PyLong_FromUnsignedLong((unsigned long)va_arg(*ap, unsigned int));
        case 'n':
            return PyLong_FromSsize_t(va_arg(*ap, Py_ssize_t));
        case 'l':
            return PyLong_FromLong(va_arg(*ap, long));
        case 'k':
            return PyLong_FromUnsignedLong(va_arg(*ap, unsigned long));
        case 'L':
            return PyLong_FromLongLong(va_arg(*ap, long long));
        case 'K':
            return PyLong_FromUnsignedLongLong(va_arg(*ap, unsigned long long));
        case 'f': case 'd':
            return PyFloat_FromDouble(va_arg(*ap, double));
        case 'c': {
            char ch = (char)va_arg(*ap, int);
            return PyBytes_FromStringAndSize(&ch, 1);
        }
        case 'C':
            return PyUnicode_FromOrdinal(va_arg(*ap, int));
        case 's': case 'z': case 'U': case 'y': {
            const char *s = va_arg(*ap, const char *);
            Py_ssize_t n;
            if (read_length(fmt, ap, flags, &n) < 0) return NULL;
            if (s == NULL) {
                Py_XINCREF(Py_None);
                return Py_None;
            }
            if (n < 0) n = (Py_ssize_t)strlen(s);
            return c == 'y' ? PyBytes_FromStringAndSize(s, n) : PyUnicode_FromStringAndSize(s, n);
        }
        case 'N': case 'S': case 'O': {
            if (**fmt == '&') {
                typedef PyObject *(*converter)(void *);
                converter func = va_arg(*ap, converter);
                void *arg = va_arg(*ap, void *);
                ++*fmt;
                return func(arg);
            }
            PyObject *v = va_arg(*ap, PyObject *);
            if (v == NULL) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
                return NULL;
            }
            if (c != 'N') Py_XINCREF(v);
            return v;
        }
        case 'u': case 'D':
            PyErr_SetString(PyExc_SystemError, c == 'u' ? "Ferric: Py_BuildValue 'u' (wchar_t strings) is not implemented" : "Ferric: Py_BuildValue 'D' (complex) is not implemented");
            return NULL;
        case ':': case ',': case ' ': case '\t':
            break;
        default:
            PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
            return NULL;
        }
    }
}

static PyObject *build_value(const char *format, va_list va, int flags) {
    if (format == NULL) {
        PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
        return NULL;
    }
    const char *f = format;
    Py_ssize_t n = count_items(f, '\0');
    if (n < 0) return NULL;
    va_list ap;
    va_copy(ap, va);
    PyObject *r;
    if (n == 0) {
        Py_XINCREF(Py_None);
        r = Py_None;
    } else if (n == 1) {
        r = make_value(&f, &ap, flags);
    } else {
        r = make_sequence(&f, &ap, flags, '\0', 0);
    }
    va_end(ap);
    return r;
}

FERRIC_API PyObject *Py_VaBuildValue(const char *format, va_list va) {
    return build_value(format, va, 0);
}

FERRIC_API PyObject *_Py_VaBuildValue_SizeT(const char *format, va_list va) {
    return build_value(format, va, FLAG_SIZE_T);
}

FERRIC_API PyObject *Py_BuildValue(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = build_value(format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_Py_BuildValue_SizeT(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = build_value(format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *PyTuple_Pack(Py_ssize_t n, ...) {
    PyObject *items[n > 0 ? n : 1];
    va_list ap;
    va_start(ap, n);
    for (Py_ssize_t i = 0; i < n; i++) items[i] = va_arg(ap, PyObject *);
    va_end(ap);
    return _ferric_tuple_from_array(items, n < 0 ? 0 : n);
}

/* Calls `callable` with the arguments Py_BuildValue makes of `format`: a tuple is the
 * argument list, anything else the single argument. */
static PyObject *call_with_format(PyObject *callable, const char *format, va_list va, int flags) {
    if (callable == NULL) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return NULL;
    }
    PyObject *args;
    if (format == NULL || *format == '\0') {
        args = PyTuple_New(0);
    } else {
        args = build_value(format, va, flags);
        if (args != NULL && !PyTuple_Check(args)) {
            PyObject *one = _ferric_tuple_from_array(&args, 1);
            Py_XDECREF(args);
            args = one;
        }
    }
    if (args == NULL) return NULL;
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_XDECREF(args);
    return r;
}

FERRIC_API PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = call_with_format(callable, format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = call_with_format(callable, format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *PyEval_CallFunction(PyObject *callable, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = call_with_format(callable, format, ap, 0);
    va_end(ap);
    return r;
}

static PyObject *method_call(PyObject *obj, PyObject *method, const char *format, va_list va, int flags) {
    if (method == NULL) return NULL;
    PyObject *r = call_with_format(method, format, va, flags);
    Py_XDECREF(method);
    (void)obj;
    return r;
}

FERRIC_API PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...) {
    if (obj == NULL || name == NULL) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return NULL;
    }
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttrString(obj, name), format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...) {
    if (obj == NULL || name == NULL) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return NULL;
    }
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttrString(obj, name), format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_PyObject_CallMethod(PyObject *obj, PyObject *name, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttr(obj, name), format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *PyEval_CallMethod(PyObject *obj, const char *name, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttrString(obj, name), format, ap, 0);
    va_end(ap);
    return r;
}

/* Collects a NULL-terminated list of object arguments. Returns the count, -1 if too many. */
#define MAX_OBJARGS 64
static Py_ssize_t collect_objargs(va_list ap, PyObject **out) {
    Py_ssize_t n = 0;
    PyObject *o;
    while ((o = va_arg(ap, PyObject *)) != NULL) {
        if (n == MAX_OBJARGS) {
            PyErr_SetString(PyExc_SystemError, "Ferric: more than 64 arguments passed to a *ObjArgs call");
            return -1;
        }
        out[n++] = o;
    }
    return n;
}

FERRIC_API PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...) {
    PyObject *args[MAX_OBJARGS];
    va_list ap;
    va_start(ap, callable);
    Py_ssize_t n = collect_objargs(ap, args);
    va_end(ap);
    if (n < 0 || callable == NULL) return NULL;
    return PyObject_Vectorcall(callable, args, (size_t)n, NULL);
}

FERRIC_API PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...) {
    PyObject *args[MAX_OBJARGS];
    va_list ap;
    va_start(ap, name);
    Py_ssize_t n = collect_objargs(ap, args);
    va_end(ap);
    if (n < 0 || obj == NULL || name == NULL) return NULL;
    PyObject *m = PyObject_GetAttr(obj, name);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Vectorcall(m, args, (size_t)n, NULL);
    Py_XDECREF(m);
    return r;
}

/* The _Py_IDENTIFIER variants: the name comes from an identifier struct. */
typedef struct { const char *string; Py_ssize_t index; } ferric_identifier;
PyObject *_PyUnicode_FromId(ferric_identifier *);

FERRIC_API PyObject *_PyObject_CallMethodId(PyObject *obj, ferric_identifier *name, const char *format, ...) {
    PyObject *n = _PyUnicode_FromId(name);
    if (n == NULL || obj == NULL) return NULL;
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttr(obj, n), format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_PyObject_CallMethodId_SizeT(PyObject *obj, ferric_identifier *name, const char *format, ...) {
    PyObject *n = _PyUnicode_FromId(name);
    if (n == NULL || obj == NULL) return NULL;
    va_list ap;
    va_start(ap, format);
    PyObject *r = method_call(obj, PyObject_GetAttr(obj, n), format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *_PyObject_CallMethodIdObjArgs(PyObject *obj, ferric_identifier *name, ...) {
    PyObject *args[MAX_OBJARGS];
    va_list ap;
    va_start(ap, name);
    Py_ssize_t n = collect_objargs(ap, args);
    va_end(ap);
    PyObject *nm = _PyUnicode_FromId(name);
    if (n < 0 || obj == NULL || nm == NULL) return NULL;
    PyObject *m = PyObject_GetAttr(obj, nm);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Vectorcall(m, args, (size_t)n, NULL);
    Py_XDECREF(m);
    return r;
}
