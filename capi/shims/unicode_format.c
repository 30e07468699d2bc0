/* PyUnicode_FromFormat(V), PyErr_Format(V), _PyErr_FormatFromCause, PyOS_(v)snprintf. */
#include "shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ferric_buf_append(ferric_buf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ferric_buf_free(ferric_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void append_spaces(ferric_buf *b, Py_ssize_t n, char c) {
    char pad[64];
    memset(pad, c, sizeof pad);
    while (n > 0) {
        Py_ssize_t k = n < (Py_ssize_t)sizeof pad ? n : (Py_ssize_t)sizeof pad;
        ferric_buf_append(b, pad, (size_t)k);
        n -= k;
    }
}

/* Length in bytes of the first `chars` characters of UTF-8 text `s` (of `n` bytes). */
static size_t utf8_prefix(const char *s, size_t n, Py_ssize_t chars, Py_ssize_t *counted) {
    size_t i = 0;
    Py_ssize_t c = 0;
    while (i < n && (chars < 0 || c < chars)) {
        unsigned char ch = (unsigned char)s[i];
        i += ch < 0x80 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;
        c++;
    }
    if (i > n) i = n;
    *counted = c;
    return i;
}

/* Appends UTF-8 text with CPython's precision (characters) and width (right-aligned). */
static void append_text(ferric_buf *b, const char *s, size_t n, Py_ssize_t width, Py_ssize_t precision) {
    Py_ssize_t chars;
    size_t take = utf8_prefix(s, n, precision, &chars);
    if (width > chars) append_spaces(b, width - chars, ' ');
    ferric_buf_append(b, s, take);
}

static int append_object(ferric_buf *b, PyObject *str, Py_ssize_t width, Py_ssize_t precision) {
    if (str == NULL) return -1;
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(str, &n);
    if (s == NULL) {
        Py_XDECREF(str);
        return -1;
    }
    append_text(b, s, (size_t)n, width, precision);
    Py_XDECREF(str);
    return 0;
}

/* One UTF-8 encoded code point. */
static size_t encode_utf8(unsigned int c, char *out) {
    if (c < 0x80) { out[0] = (char)c; return 1; }
    if (c < 0x800) { out[0] = (char)(0xc0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3f)); out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f)); out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

FERRIC_API PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs) {
    ferric_buf b = {0};
    va_list ap;
    va_copy(ap, vargs);
    const char *f = format;
    while (*f) {
        if (*f != '%') {
            const char *start = f;
            while (*f && *f != '%') f++;
            ferric_buf_append(&b, start, (size_t)(f - start));
            continue;
        }
        const char *spec = f++;
        if (*f == '%') {
            ferric_buf_append(&b, "%", 1);
            f++;
            continue;
        }
        int zeropad = 0;
        if (*f == '0') { zeropad = 1; f++; }
        Py_ssize_t width = -1, precision = -1;
        if (*f >= '0' && *f <= '9') {
            width = 0;
            while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            precision = 0;
            while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
        }
        int longflag = 0, longlongflag = 0, sizeflag = 0;
        if (*f == 'l' && (f[1] == 'd' || f[1] == 'u' || f[1] == 'i' || f[1] == 'x')) { longflag = 1; f++; }
        else if (*f == 'l' && f[1] == 'l' && (f[2] == 'd' || f[2] == 'u' || f[2] == 'i' || f[2] == 'x')) { longlongflag = 1; f += 2; }
        else if (*f == 'z' && (f[1] == 'd' || f[1] == 'u' || f[1] == 'i' || f[1] == 'x')) { sizeflag = 1; f++; }
        char conv = *f;
        char num[128];
        char cfmt[32];
        switch (conv) {
        case 'c': {
            int ch = va_arg(ap, int);
            if (ch < 0 || ch > 0x10ffff) {
                PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
                goto fail;
            }
            char u[4];
            ferric_buf_append(&b, u, encode_utf8((unsigned int)ch, u));
            f++;
            break;
        }
        case 'd': case 'i': case 'u': case 'x': {
            /* Rebuild a C conversion with the same flags; the numbers print alike. */
            const char *len = longflag ? "l" : longlongflag ? "ll" : sizeflag ? "z" : "";
            char c = conv == 'i' ? 'd' : conv;
            if (precision >= 0)
                snprintf(cfmt, sizeof cfmt, "%%.%zd%s%c", precision, len, c);
            else
                snprintf(cfmt, sizeof cfmt, "%%%s%c", len, c);
            int n;
            if (longflag) n = conv == 'd' || conv == 'i' ? snprintf(num, sizeof num, cfmt, va_arg(ap, long)) : snprintf(num, sizeof num, cfmt, va_arg(ap, unsigned long));
            else if (longlongflag) n = conv == 'd' || conv == 'i' ? snprintf(num, sizeof num, cfmt, va_arg(ap, long long)) : snprintf(num, sizeof num, cfmt, va_arg(ap, unsigned long long));
            else if (sizeflag) n = conv == 'd' || conv == 'i' ? snprintf(num, sizeof num, cfmt, va_arg(ap, Py_ssize_t)) : snprintf(num, sizeof num, cfmt, va_arg(ap, size_t));
            else n = conv == 'd' || conv == 'i' ? snprintf(num, sizeof num, cfmt, va_arg(ap, int)) : snprintf(num, sizeof num, cfmt, va_arg(ap, unsigned int));
            if (n < 0) n = 0;
            /* CPython 3.11 pads in front of the sign: "%05d" of -42 is "00-42". */
            if (width > n) append_spaces(&b, width - n, zeropad ? '0' : ' ');
            ferric_buf_append(&b, num, (size_t)n);
            f++;
            break;
        }
        case 'p': {
            int n = snprintf(num, sizeof num, "%p", va_arg(ap, void *));
            if (n >= 2 && num[1] == 'X') num[1] = 'x';
            else if (n >= 2 && num[1] != 'x') {
                memmove(num + 2, num, (size_t)n + 1);
                num[0] = '0';
                num[1] = 'x';
                n += 2;
            }
            ferric_buf_append(&b, num, (size_t)n);
            f++;
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            size_t n = 0;
            if (precision < 0) n = strlen(s);
            else while ((Py_ssize_t)n < precision && s[n]) n++;
            /* Precision of %s counts bytes, width characters (as in CPython 3.11). */
            PyObject *text = PyUnicode_FromStringAndSize(s, (Py_ssize_t)n);
            if (text == NULL) {
                PyErr_Clear();
                append_text(&b, s, n, width, -1);
            } else if (append_object(&b, text, width, -1) < 0) {
                goto fail;
            }
            f++;
            break;
        }
        case 'U': {
            PyObject *o = va_arg(ap, PyObject *);
            Py_XINCREF(o);
            if (append_object(&b, o, width, precision) < 0) goto fail;
            f++;
            break;
        }
        case 'V': {
            PyObject *o = va_arg(ap, PyObject *);
            const char *s = va_arg(ap, const char *);
            if (o != NULL) {
                Py_XINCREF(o);
                if (append_object(&b, o, width, precision) < 0) goto fail;
            } else {
                PyObject *t = PyUnicode_FromString(s);
                if (append_object(&b, t, width, precision) < 0) goto fail;
            }
            f++;
            break;
        }
        case 'S':
            if (append_object(&b, PyObject_Str(va_arg(ap, PyObject *)), width, precision) < 0) goto fail;
            f++;
            break;
        case 'R':
            if (append_object(&b, PyObject_Repr(va_arg(ap, PyObject *)), width, precision) < 0) goto fail;
            f++;
            break;
        case 'A':
            if (append_object(&b, PyObject_ASCII(va_arg(ap, PyObject *)), width, precision) < 0) goto fail;
            f++;
            break;
        default:
            /* An unknown conversion: the rest of the format is copied as it is. */
            ferric_buf_append(&b, spec, strlen(spec));
            f = spec + strlen(spec);
            break;
        }
    }
    va_end(ap);
    if (b.failed) {
        ferric_buf_free(&b);
        PyErr_SetString(PyExc_SystemError, "out of memory formatting a string");
        return NULL;
    }
    PyObject *r = PyUnicode_FromStringAndSize(b.data ? b.data : "", (Py_ssize_t)b.len);
    ferric_buf_free(&b);
    return r;
fail:
    va_end(ap);
    ferric_buf_free(&b);
    return NULL;
}

FERRIC_API PyObject *PyUnicode_FromFormat(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = PyUnicode_FromFormatV(format, ap);
    va_end(ap);
    return r;
}

FERRIC_API PyObject *PyErr_FormatV(PyObject *exception, const char *format, va_list vargs) {
    /* Formatting may run Python code, which must not see a pending exception. */
    PyErr_Clear();
    PyObject *msg = PyUnicode_FromFormatV(format, vargs);
    if (msg != NULL) {
        PyErr_SetObject(exception, msg);
        Py_XDECREF(msg);
    }
    return NULL;
}

FERRIC_API PyObject *PyErr_Format(PyObject *exception, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyErr_FormatV(exception, format, ap);
    va_end(ap);
    return NULL;
}

/* Raises a new exception whose __cause__ and __context__ are the pending one. */
FERRIC_API PyObject *_PyErr_FormatFromCause(PyObject *exception, const char *format, ...) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) PyException_SetTraceback(v, tb);
    Py_XDECREF(t);
    Py_XDECREF(tb);
    va_list ap;
    va_start(ap, format);
    PyErr_FormatV(exception, format, ap);
    va_end(ap);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    PyErr_NormalizeException(&t2, &v2, &tb2);
    Py_XINCREF(v);
    PyException_SetCause(v2, v);
    PyException_SetContext(v2, v);
    PyErr_Restore(t2, v2, tb2);
    return NULL;
}

FERRIC_API int PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va) {
    if (size == 0 || str == NULL) return -666;
    int len = vsnprintf(str, size, format, va);
    str[size - 1] = '\0';
    return len;
}

FERRIC_API int PyOS_snprintf(char *str, size_t size, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = PyOS_vsnprintf(str, size, format, ap);
    va_end(ap);
    return r;
}

int PyErr_WarnEx(PyObject *category, const char *message, Py_ssize_t stack_level);

/* A warning whose message is formatted as PyUnicode_FromFormat does. */
static int warn_formatted(PyObject *category, Py_ssize_t stack_level, const char *format, va_list ap) {
    PyObject *msg = PyUnicode_FromFormatV(format, ap);
    if (msg == NULL) return -1;
    const char *text = PyUnicode_AsUTF8AndSize(msg, NULL);
    int r = text ? PyErr_WarnEx(category, text, stack_level) : -1;
    Py_XDECREF(msg);
    return r;
}

/* PyErr_ResourceWarning: a formatted ResourceWarning (the source object is not kept yet). */
FERRIC_API int PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...) {
    (void)source;
    va_list ap;
    va_start(ap, format);
    int r = warn_formatted(PyExc_ResourceWarning, stack_level, format, ap);
    va_end(ap);
    return r;
}

FERRIC_API int PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = warn_formatted(category, stack_level, format, ap);
    va_end(ap);
    return r;
}
