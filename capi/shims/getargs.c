/* PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_UnpackTuple and their va_list and
 * _SizeT variants, with CPython 3.11's formats and error messages. Buffer formats
 * (s*, y*, w*, z*) and the encoding formats (es, et) are not supported yet: they raise
 * SystemError naming the format. */
#include "shim.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define FLAG_SIZE_T 1

/* "must be X, not Y" (the caller adds "f() argument N"). */
static const char *converterr(const char *expected, PyObject *arg, char *msgbuf, size_t bufsize) {
    if (expected[0] == '(') {
        snprintf(msgbuf, bufsize, "%.100s", expected);
    } else {
        snprintf(msgbuf, bufsize, "must be %.50s, not %.50s", expected,
                 arg == Py_None ? "None" : _ferric_type_name(arg));
    }
    return msgbuf;
}

/* Raises the TypeError for argument `iarg` (1-based; 0 for "argument"). A pending error
 * from the converter wins. */
static void seterror(Py_ssize_t iarg, const char *msg, int *levels, const char *fname, const char *message) {
    char buf[512];
    if (PyErr_Occurred()) return;
    if (message == NULL) {
        size_t p = 0;
        buf[0] = '\0';
        if (fname != NULL) p += (size_t)snprintf(buf + p, sizeof buf - p, "%.200s() ", fname);
        if (iarg != 0) {
            p += (size_t)snprintf(buf + p, sizeof buf - p, "argument %zd", iarg);
            for (int i = 0; i < 32 && levels[i] > 0 && p < 220; i++)
                p += (size_t)snprintf(buf + p, sizeof buf - p, ", item %d", levels[i] - 1);
        } else {
            p += (size_t)snprintf(buf + p, sizeof buf - p, "argument");
        }
        snprintf(buf + p, sizeof buf - p, " %.256s", msg);
        message = buf;
    }
    PyErr_SetString(msg[0] == '(' ? PyExc_SystemError : PyExc_TypeError, message);
}

static const char *convertitem(PyObject *arg, const char **p_format, va_list *ap, int flags, int *levels, char *msgbuf, size_t bufsize);

/* A nested "(...)" format: `arg` must be a sequence of exactly that many items. */
static const char *converttuple(PyObject *arg, const char **p_format, va_list *ap, int flags, int *levels, char *msgbuf, size_t bufsize) {
    int level = 0, n = 0;
    const char *format = *p_format;
    for (;;) {
        char c = *format++;
        if (c == '(') {
            if (level == 0) n++;
            level++;
        } else if (c == ')') {
            if (level == 0) break;
            level--;
        } else if (c == ':' || c == ';' || c == '\0') {
            break;
        } else if (level == 0 && (c >= 'A' && c <= 'z' && c != 'e')) {
            n++;
        }
    }
    if (!PySequence_Check(arg) || PyBytes_Check(arg) || PyUnicode_Check(arg)) {
        levels[0] = 0;
        snprintf(msgbuf, bufsize, "must be %d-item sequence, not %.50s", n, arg == Py_None ? "None" : _ferric_type_name(arg));
        return msgbuf;
    }
    Py_ssize_t len = PyObject_Size(arg);
    if (len < 0) {
        PyErr_Clear();
        levels[0] = 0;
        snprintf(msgbuf, bufsize, "must be %d-item sequence, not %.50s", n, _ferric_type_name(arg));
        return msgbuf;
    }
    if (len != n) {
        levels[0] = 0;
        snprintf(msgbuf, bufsize, "must be sequence of length %d, not %zd", n, len);
        return msgbuf;
    }
    format = *p_format;
    for (int i = 0; i < n; i++) {
        PyObject *item = PySequence_GetItem(arg, i);
        if (item == NULL) {
            PyErr_Clear();
            levels[0] = i + 1;
            levels[1] = 0;
            snprintf(msgbuf, bufsize, "%.100s", "is not retrievable");
            return msgbuf;
        }
        const char *msg = convertitem(item, &format, ap, flags, levels + 1, msgbuf, bufsize);
        /* The sequence keeps the item alive for pointers handed out (as in CPython). */
        Py_XDECREF(item);
        if (msg != NULL) {
            levels[0] = i + 1;
            return msg;
        }
    }
    *p_format = format;
    return NULL;
}

/* Converts one simple item; NULL on success. */
static const char *convertsimple(PyObject *arg, const char **p_format, va_list *ap, int flags, char *msgbuf, size_t bufsize) {
    const char *format = *p_format;
    char c = *format++;
    switch (c) {
    case 'b': {
        char *p = va_arg(*ap, char *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v < 0) { PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is less than minimum"); return msgbuf; }
        if (v > UCHAR_MAX) { PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is greater than maximum"); return msgbuf; }
        *p = (char)v;
        break;
    }
    case 'B': {
        unsigned char *p = va_arg(*ap, unsigned char *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned char)v;
        break;
    }
    case 'h': {
        short *p = va_arg(*ap, short *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v < SHRT_MIN) { PyErr_SetString(PyExc_OverflowError, "signed short integer is less than minimum"); return msgbuf; }
        if (v > SHRT_MAX) { PyErr_SetString(PyExc_OverflowError, "signed short integer is greater than maximum"); return msgbuf; }
        *p = (short)v;
        break;
    }
    case 'H': {
        unsigned short *p = va_arg(*ap, unsigned short *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned short)v;
        break;
    }
    case 'i': {
        int *p = va_arg(*ap, int *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        if (v > INT_MAX) { PyErr_SetString(PyExc_OverflowError, "signed integer is greater than maximum"); return msgbuf; }
        if (v < INT_MIN) { PyErr_SetString(PyExc_OverflowError, "signed integer is less than minimum"); return msgbuf; }
        *p = (int)v;
        break;
    }
    case 'I': {
        unsigned int *p = va_arg(*ap, unsigned int *);
        unsigned long v = PyLong_AsUnsignedLongMask(arg);
        if (v == (unsigned long)-1 && PyErr_Occurred()) return msgbuf;
        *p = (unsigned int)v;
        break;
    }
    case 'n': {
        Py_ssize_t *p = va_arg(*ap, Py_ssize_t *);
        PyObject *i = PyNumber_Index(arg);
        if (i == NULL) return msgbuf;
        Py_ssize_t v = PyLong_AsSsize_t(i);
        Py_XDECREF(i);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'l': {
        long *p = va_arg(*ap, long *);
        long v = PyLong_AsLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'k': {
        unsigned long *p = va_arg(*ap, unsigned long *);
        if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
        *p = PyLong_AsUnsignedLongMask(arg);
        break;
    }
    case 'L': {
        long long *p = va_arg(*ap, long long *);
        long long v = PyLong_AsLongLong(arg);
        if (v == -1 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'K': {
        unsigned long long *p = va_arg(*ap, unsigned long long *);
        if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
        *p = PyLong_AsUnsignedLongLongMask(arg);
        break;
    }
    case 'f': {
        float *p = va_arg(*ap, float *);
        double v = PyFloat_AsDouble(arg);
        if (v == -1.0 && PyErr_Occurred()) return msgbuf;
        *p = (float)v;
        break;
    }
    case 'd': {
        double *p = va_arg(*ap, double *);
        double v = PyFloat_AsDouble(arg);
        if (v == -1.0 && PyErr_Occurred()) return msgbuf;
        *p = v;
        break;
    }
    case 'c': {
        char *p = va_arg(*ap, char *);
        if (PyBytes_Check(arg) && PyBytes_Size(arg) == 1) *p = PyBytes_AsString(arg)[0];
        else return converterr("a byte string of length 1", arg, msgbuf, bufsize);
        break;
    }
    case 'C': {
        int *p = va_arg(*ap, int *);
        if (!PyUnicode_Check(arg) || PyUnicode_GetLength(arg) != 1) return converterr("a unicode character", arg, msgbuf, bufsize);
        *p = (int)PyUnicode_ReadChar(arg, 0);
        break;
    }
    case 'p': {
        int *p = va_arg(*ap, int *);
        int v = PyObject_IsTrue(arg);
        if (v < 0) return msgbuf;
        *p = v;
        break;
    }
    case 's': case 'z': case 'y': {
        if (*format == '*') {
            /* Py_buffer formats need the buffer protocol. */
            PyErr_SetString(PyExc_SystemError, "Ferric: PyArg_Parse* buffer formats (s* y* z*) are not implemented yet");
            return msgbuf;
        }
        const char **p = va_arg(*ap, const char **);
        Py_ssize_t *lenp = NULL;
        int with_len = *format == '#';
        if (with_len) {
            if (!(flags & FLAG_SIZE_T)) {
                PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
                return msgbuf;
            }
            lenp = va_arg(*ap, Py_ssize_t *);
            format++;
        }
        if (c == 'z' && arg == Py_None) {
            *p = NULL;
            if (lenp) *lenp = 0;
            break;
        }
        if (c == 'y') {
            if (!PyBytes_Check(arg)) return converterr(with_len ? "read-only bytes-like object" : "bytes", arg, msgbuf, bufsize);
            Py_ssize_t n = PyBytes_Size(arg);
            const char *s = PyBytes_AsString(arg);
            if (!with_len && (Py_ssize_t)strlen(s) != n) {
                PyErr_SetString(PyExc_ValueError, "embedded null byte");
                return msgbuf;
            }
            *p = s;
            if (lenp) *lenp = n;
            break;
        }
        if (PyUnicode_Check(arg)) {
            Py_ssize_t n;
            const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
            if (s == NULL) return converterr("(unicode conversion error)", arg, msgbuf, bufsize);
            if (!with_len && (Py_ssize_t)strlen(s) != n) {
                PyErr_SetString(PyExc_ValueError, "embedded null character");
                return msgbuf;
            }
            *p = s;
            if (lenp) *lenp = n;
        } else if (with_len && PyBytes_Check(arg)) {
            *p = PyBytes_AsString(arg);
            *lenp = PyBytes_Size(arg);
        } else {
            const char *what = c == 'z' ? (with_len ? "str, read-only bytes-like object or None" : "str or None")
                                        : (with_len ? "str or read-only bytes-like object" : "str");
            return converterr(what, arg, msgbuf, bufsize);
        }
        break;
    }
    case 'S': {
        PyObject **p = va_arg(*ap, PyObject **);
        if (!PyBytes_Check(arg)) return converterr("bytes", arg, msgbuf, bufsize);
        *p = arg;
        break;
    }
    case 'Y':
        (void)va_arg(*ap, PyObject **);
        return converterr("bytearray", arg, msgbuf, bufsize);
    case 'U': {
        PyObject **p = va_arg(*ap, PyObject **);
        if (!PyUnicode_Check(arg)) return converterr("str", arg, msgbuf, bufsize);
        *p = arg;
        break;
    }
    case 'O': {
        if (*format == '!') {
            PyTypeObject *type = va_arg(*ap, PyTypeObject *);
            PyObject **p = va_arg(*ap, PyObject **);
            format++;
            int ok = PyObject_IsInstance(arg, (PyObject *)type);
            if (ok < 0) return msgbuf;
            if (!ok) {
                /* CPython names the type by tp_name here. */
                return converterr(_ferric_tp_name(type), arg, msgbuf, bufsize);
            }
            *p = arg;
        } else if (*format == '&') {
            typedef int (*converter)(PyObject *, void *);
            converter convert = va_arg(*ap, converter);
            void *addr = va_arg(*ap, void *);
            format++;
            if (!convert(arg, addr)) return converterr("(unspecified)", arg, msgbuf, bufsize);
        } else {
            PyObject **p = va_arg(*ap, PyObject **);
            *p = arg;
        }
        break;
    }
    case 'w':
        PyErr_SetString(PyExc_SystemError, "Ferric: PyArg_Parse* format w* (writable buffer) is not implemented yet");
        return msgbuf;
    case 'e':
        PyErr_SetString(PyExc_SystemError, "Ferric: PyArg_Parse* encoding formats (es, et) are not implemented yet");
        return msgbuf;
    case 'D':
        PyErr_SetString(PyExc_SystemError, "Ferric: PyArg_Parse* format D (complex) is not implemented yet");
        return msgbuf;
    default:
        return converterr("(impossible<bad format char>)", arg, msgbuf, bufsize);
    }
    *p_format = format;
    return NULL;
}

static const char *convertitem(PyObject *arg, const char **p_format, va_list *ap, int flags, int *levels, char *msgbuf, size_t bufsize) {
    const char *format = *p_format;
    const char *msg;
    if (*format == '(') {
        format++;
        msg = converttuple(arg, &format, ap, flags, levels, msgbuf, bufsize);
        if (msg == NULL) format++;
    } else {
        msg = convertsimple(arg, &format, ap, flags, msgbuf, bufsize);
        if (msg != NULL) levels[0] = 0;
    }
    if (msg == NULL) *p_format = format;
    return msg;
}

/* Skips one item of the format, consuming its va_args (for absent optional arguments). */
static const char *skipitem(const char **p_format, va_list *ap, int flags) {
    const char *format = *p_format;
    char c = *format++;
    switch (c) {
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k':
    case 'L': case 'K': case 'n': case 'f': case 'd': case 'D': case 'c': case 'C': case 'p':
    case 'S': case 'Y': case 'U':
        (void)va_arg(*ap, void *);
        break;
    case 'e':
        (void)va_arg(*ap, const char *);
        if (*format == 's' || *format == 't') format++;
        /* fall through */
    case 's': case 'z': case 'y': case 'w':
        (void)va_arg(*ap, void *);
        if (*format == '#') {
            if (flags & FLAG_SIZE_T) (void)va_arg(*ap, Py_ssize_t *);
            format++;
        } else if (*format == '*') {
            format++;
        }
        break;
    case 'O':
        if (*format == '!') {
            format++;
            (void)va_arg(*ap, PyTypeObject *);
            (void)va_arg(*ap, PyObject **);
        } else if (*format == '&') {
            format++;
            (void)va_arg(*ap, void *);
            (void)va_arg(*ap, void *);
        } else {
            (void)va_arg(*ap, PyObject **);
        }
        break;
    case '(': {
        while (*format != ')') {
            if (*format == '\0' || *format == ';' || *format == ':') return "Unmatched left paren in format string";
            const char *msg = skipitem(&format, ap, flags);
            if (msg) return msg;
        }
        format++;
        break;
    }
    case ')':
        return "Unmatched right paren in format string";
    default:
        return "impossible<bad format char>";
    }
    *p_format = format;
    return NULL;
}

/* Splits off ":name" or ";message" and counts the items (min: before '|'). */
static int scan_format(const char *format, int *min, int *max, const char **fname, const char **message) {
    int level = 0, endfmt = 0;
    *min = -1;
    *max = 0;
    *fname = NULL;
    *message = NULL;
    const char *f = format;
    while (!endfmt) {
        int c = *f++;
        switch (c) {
        case '(':
            if (level == 0) (*max)++;
            level++;
            if (level >= 30) {
                PyErr_SetString(PyExc_SystemError, "too many tuple nesting levels in argument format string");
                return -1;
            }
            break;
        case ')':
            if (level == 0) {
                PyErr_SetString(PyExc_SystemError, "excess ')' in getargs format");
                return -1;
            }
            level--;
            break;
        case '\0':
            endfmt = 1;
            break;
        case ':':
            *fname = f;
            endfmt = 1;
            break;
        case ';':
            *message = f;
            endfmt = 1;
            break;
        case '|':
            if (level == 0) *min = *max;
            break;
        default:
            if (level == 0 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && c != 'e') (*max)++;
            break;
        }
    }
    if (level != 0) {
        PyErr_SetString(PyExc_SystemError, "missing ')' in getargs format");
        return -1;
    }
    if (*min < 0) *min = *max;
    return 0;
}

/* The positional parsers over an argument array (a tuple's items, or a vectorcall stack). */
static int vgetargs_stack(PyObject *const *stack, Py_ssize_t nargs, const char *format, va_list va, int flags) {
    int min, max;
    const char *fname, *message;
    char msgbuf[256];
    int levels[32];
    if (scan_format(format, &min, &max, &fname, &message) < 0) return 0;
    if (nargs < min || max < nargs) {
        if (message == NULL) {
            int want = nargs < min ? min : max;
            char buf[300];
            snprintf(buf, sizeof buf, "%.150s%s takes %s %d argument%s (%zd given)",
                     fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                     min == max ? "exactly" : nargs < min ? "at least" : "at most",
                     want, want == 1 ? "" : "s", nargs);
            PyErr_SetString(PyExc_TypeError, buf);
        } else {
            PyErr_SetString(PyExc_TypeError, message);
        }
        return 0;
    }
    va_list ap;
    va_copy(ap, va);
    const char *f = format;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        if (*f == '|') f++;
        const char *msg = convertitem(stack[i], &f, &ap, flags, levels, msgbuf, sizeof msgbuf);
        if (msg) {
            seterror(i + 1, msg, levels, fname, message);
            va_end(ap);
            return 0;
        }
    }
    va_end(ap);
    if (*f != '\0' && !isalpha((unsigned char)*f) && *f != '(' && *f != '|' && *f != ':' && *f != ';') {
        char buf[300];
        snprintf(buf, sizeof buf, "bad format string: %.200s", format);
        PyErr_SetString(PyExc_SystemError, buf);
        return 0;
    }
    return 1;
}

static int vgetargs(PyObject *args, const char *format, va_list va, int flags) {
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    Py_ssize_t nargs = PyTuple_Size(args);
    PyObject *stack[nargs > 0 ? nargs : 1];
    for (Py_ssize_t i = 0; i < nargs; i++) stack[i] = PyTuple_GetItem(args, i);
    return vgetargs_stack(stack, nargs, format, va, flags);
}

FERRIC_API int PyArg_ParseTuple(PyObject *args, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs(args, format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs(args, format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API int PyArg_VaParse(PyObject *args, const char *format, va_list va) {
    return vgetargs(args, format, va, 0);
}

FERRIC_API int _PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list va) {
    return vgetargs(args, format, va, FLAG_SIZE_T);
}

/* PyArg_Parse: the old single-object form ("compat" in CPython). */
static int vgetargs_compat(PyObject *arg, const char *format, va_list va, int flags) {
    int min, max;
    const char *fname, *message;
    char msgbuf[256];
    int levels[32];
    char buf[300];
    if (scan_format(format, &min, &max, &fname, &message) < 0) return 0;
    if (max == 0) {
        if (arg == NULL) return 1;
        snprintf(buf, sizeof buf, "%.200s%s takes no arguments", fname ? fname : "function", fname ? "()" : "");
        PyErr_SetString(PyExc_TypeError, buf);
        return 0;
    }
    if (min == 1 && max == 1) {
        if (arg == NULL) {
            snprintf(buf, sizeof buf, "%.200s%s takes at least one argument", fname ? fname : "function", fname ? "()" : "");
            PyErr_SetString(PyExc_TypeError, buf);
            return 0;
        }
        va_list ap;
        va_copy(ap, va);
        const char *f = format;
        const char *msg = convertitem(arg, &f, &ap, flags, levels, msgbuf, sizeof msgbuf);
        va_end(ap);
        if (msg == NULL) return 1;
        seterror(levels[0], msg, levels + 1, fname, message);
        return 0;
    }
    PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
    return 0;
}

FERRIC_API int PyArg_Parse(PyObject *arg, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs_compat(arg, format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_Parse_SizeT(PyObject *arg, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs_compat(arg, format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_ParseStack(PyObject *const *args, Py_ssize_t nargs, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs_stack(args, nargs, format, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_ParseStack_SizeT(PyObject *const *args, Py_ssize_t nargs, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = vgetargs_stack(args, nargs, format, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

static int vgetargskeywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list va, int flags) {
    char msgbuf[512];
    int levels[32];
    const char *fname = NULL, *custom_msg = NULL;
    int min = INT_MAX, max = INT_MAX;
    int i, pos, len;
    int skip = 0;
    Py_ssize_t nargs, nkwargs;
    PyObject *current_arg;

    if (args == NULL || !PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs)) || format == NULL || kwlist == NULL) {
        PyErr_SetString(PyExc_SystemError, "bad argument to internal function");
        return 0;
    }
    const char *p = strpbrk(format, ":;");
    if (p != NULL && *p == ';') custom_msg = p + 1;
    else if (p != NULL) fname = p + 1;
    for (pos = 0; kwlist[pos] && !*kwlist[pos]; pos++) {}
    for (i = pos; kwlist[i]; i++) {
        if (!*kwlist[i]) {
            PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }
    len = i;
    nargs = PyTuple_Size(args);
    nkwargs = kwargs == NULL ? 0 : PyDict_Size(kwargs);
    char buf[512];
    if (nargs + nkwargs > len) {
        snprintf(buf, sizeof buf, "%.200s%s takes at most %d %sargument%s (%zd given)",
                 fname == NULL ? "function" : fname, fname == NULL ? "" : "()", len,
                 nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
        PyErr_SetString(PyExc_TypeError, buf);
        return 0;
    }
    va_list ap;
    va_copy(ap, va);
    const char *f = format;
    for (i = 0; i < len; i++) {
        if (*f == '|') {
            if (min != INT_MAX) { PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)"); goto fail; }
            min = i;
            f++;
            if (max != INT_MAX) { PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)"); goto fail; }
        }
        if (*f == '$') {
            if (max != INT_MAX) { PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)"); goto fail; }
            max = i;
            f++;
            if (max < pos) { PyErr_SetString(PyExc_SystemError, "Empty parameter name after $"); goto fail; }
            if (skip) break;
            if (max < nargs) {
                if (max == 0)
                    snprintf(buf, sizeof buf, "%.200s%s takes no positional arguments", fname == NULL ? "function" : fname, fname == NULL ? "" : "()");
                else
                    snprintf(buf, sizeof buf, "%.200s%s takes %s %d positional argument%s (%zd given)",
                             fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                             min != INT_MAX ? "at most" : "exactly", max, max == 1 ? "" : "s", nargs);
                PyErr_SetString(PyExc_TypeError, buf);
                goto fail;
            }
        }
        if (*f == '\0' || *f == ':' || *f == ';') {
            snprintf(buf, sizeof buf, "More keyword list entries (%d) than format specifiers (%d)", len, i);
            PyErr_SetString(PyExc_SystemError, buf);
            goto fail;
        }
        if (!skip) {
            if (i < nargs) {
                current_arg = PyTuple_GetItem(args, i);
            } else if (nkwargs && i >= pos) {
                current_arg = _PyDict_GetItemStringWithError(kwargs, kwlist[i]);
                if (current_arg) --nkwargs;
                else if (PyErr_Occurred()) goto fail;
            } else {
                current_arg = NULL;
            }
            if (current_arg) {
                const char *msg = convertitem(current_arg, &f, &ap, flags, levels, msgbuf, sizeof msgbuf);
                if (msg) {
                    seterror(i + 1, msg, levels, fname, custom_msg);
                    goto fail;
                }
                continue;
            }
            if (i < min) {
                if (i < pos) {
                    skip = 1;
                } else {
                    snprintf(buf, sizeof buf, "%.200s%s missing required argument '%s' (pos %d)",
                             fname == NULL ? "function" : fname, fname == NULL ? "" : "()", kwlist[i], i + 1);
                    PyErr_SetString(PyExc_TypeError, buf);
                    goto fail;
                }
            }
            if (!nkwargs && !skip) {
                va_end(ap);
                return 1;
            }
        }
        const char *msg = skipitem(&f, &ap, flags);
        if (msg) {
            snprintf(buf, sizeof buf, "%s: '%s'", msg, f);
            PyErr_SetString(PyExc_SystemError, buf);
            goto fail;
        }
    }
    if (skip) {
        int m = pos < min ? pos : min;
        snprintf(buf, sizeof buf, "%.200s%s takes %s %d positional argument%s (%zd given)",
                 fname == NULL ? "function" : fname, fname == NULL ? "" : "()",
                 m < i ? "at least" : "exactly", m, m == 1 ? "" : "s", nargs);
        PyErr_SetString(PyExc_TypeError, buf);
        goto fail;
    }
    if (*f != '\0' && *f != ':' && *f != ';' && *f != '|' && *f != '$') {
        snprintf(buf, sizeof buf, "more argument specifiers than keyword list entries (remaining format:'%s')", f);
        PyErr_SetString(PyExc_SystemError, buf);
        goto fail;
    }
    if (nkwargs > 0) {
        for (i = pos; i < nargs; i++) {
            current_arg = _PyDict_GetItemStringWithError(kwargs, kwlist[i]);
            if (current_arg) {
                snprintf(buf, sizeof buf, "argument for %.200s%s given by name ('%s') and position (%d)",
                         fname == NULL ? "function" : fname, fname == NULL ? "" : "()", kwlist[i], i + 1);
                PyErr_SetString(PyExc_TypeError, buf);
                goto fail;
            } else if (PyErr_Occurred()) {
                goto fail;
            }
        }
        Py_ssize_t j = 0;
        PyObject *key;
        while (PyDict_Next(kwargs, &j, &key, NULL)) {
            if (!PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "keywords must be strings");
                goto fail;
            }
            const char *k = PyUnicode_AsUTF8AndSize(key, NULL);
            int match = 0;
            for (i = pos; i < len && k; i++) {
                if (strcmp(k, kwlist[i]) == 0) {
                    match = 1;
                    break;
                }
            }
            if (!match) {
                snprintf(buf, sizeof buf, "'%s' is an invalid keyword argument for %.200s%s", k ? k : "?",
                         fname == NULL ? "this function" : fname, fname == NULL ? "" : "()");
                PyErr_SetString(PyExc_TypeError, buf);
                goto fail;
            }
        }
        snprintf(buf, sizeof buf, "invalid keyword argument for %.200s%s", fname == NULL ? "this function" : fname, fname == NULL ? "" : "()");
        PyErr_SetString(PyExc_TypeError, buf);
        goto fail;
    }
    va_end(ap);
    return 1;
fail:
    va_end(ap);
    return 0;
}

FERRIC_API int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...) {
    va_list ap;
    va_start(ap, kwlist);
    int r = vgetargskeywords(args, kw, format, kwlist, ap, 0);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...) {
    va_list ap;
    va_start(ap, kwlist);
    int r = vgetargskeywords(args, kw, format, kwlist, ap, FLAG_SIZE_T);
    va_end(ap);
    return r;
}

FERRIC_API int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va) {
    return vgetargskeywords(args, kw, format, kwlist, va, 0);
}

FERRIC_API int _PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va) {
    return vgetargskeywords(args, kw, format, kwlist, va, FLAG_SIZE_T);
}

int _PyArg_CheckPositional(const char *, Py_ssize_t, Py_ssize_t, Py_ssize_t);

static int unpack_stack(PyObject *const *args, Py_ssize_t nargs, const char *name, Py_ssize_t min, Py_ssize_t max, va_list ap) {
    if (!_PyArg_CheckPositional(name, nargs, min, max)) return 0;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject **o = va_arg(ap, PyObject **);
        *o = args[i];
    }
    return 1;
}

FERRIC_API int PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...) {
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    Py_ssize_t n = PyTuple_Size(args);
    PyObject *stack[n > 0 ? n : 1];
    for (Py_ssize_t i = 0; i < n; i++) stack[i] = PyTuple_GetItem(args, i);
    va_list ap;
    va_start(ap, max);
    int r = unpack_stack(stack, n, name, min, max, ap);
    va_end(ap);
    return r;
}

FERRIC_API int _PyArg_UnpackStack(PyObject *const *args, Py_ssize_t nargs, const char *name, Py_ssize_t min, Py_ssize_t max, ...) {
    va_list ap;
    va_start(ap, max);
    int r = unpack_stack(args, nargs, name, min, max, ap);
    va_end(ap);
    return r;
}
