/* PyBytes_FromFormat(V): printf-style formatting into bytes, with the conversions CPython
 * 3.11 accepts (%c %d %i %u %x %p %s, %ld %lu %zd %zu, width ignored, a precision for
 * %s); at any other conversion the rest of the format is copied as it is, as CPython does. */
#include "shim.h"

#include <stdio.h>
#include <string.h>

PyObject *PyErr_NoMemory(void);

FERRIC_API PyObject *PyBytes_FromFormatV(const char *format, va_list vargs) {
    ferric_buf b = {0};
    char tmp[64];
    const char *f = format;
    while (*f) {
        if (*f != '%') {
            const char *p = f;
            while (*p && *p != '%') p++;
            ferric_buf_append(&b, f, (size_t)(p - f));
            f = p;
            continue;
        }
        const char *start = f++;
        while (*f >= '0' && *f <= '9') f++;
        Py_ssize_t prec = -1;
        if (*f == '.') {
            f++;
            prec = 0;
            while (*f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0');
        }
        int longflag = 0, size_t_flag = 0;
        if (*f == 'l' && (f[1] == 'd' || f[1] == 'u')) {
            longflag = 1;
            f++;
        } else if (*f == 'z' && (f[1] == 'd' || f[1] == 'u')) {
            size_t_flag = 1;
            f++;
        }
        int n = 0;
        switch (*f) {
        case 'c': {
            int c = va_arg(vargs, int);
            if (c < 0 || c > 255) {
                PyErr_SetString(PyExc_OverflowError, "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
                ferric_buf_free(&b);
                return NULL;
            }
            tmp[0] = (char)c;
            n = 1;
            break;
        }
        case 'd': case 'i':
            if (longflag) n = snprintf(tmp, sizeof tmp, "%ld", va_arg(vargs, long));
            else if (size_t_flag) n = snprintf(tmp, sizeof tmp, "%zd", va_arg(vargs, Py_ssize_t));
            else n = snprintf(tmp, sizeof tmp, "%d", va_arg(vargs, int));
            break;
        case 'u':
            if (longflag) n = snprintf(tmp, sizeof tmp, "%lu", va_arg(vargs, unsigned long));
            else if (size_t_flag) n = snprintf(tmp, sizeof tmp, "%zu", va_arg(vargs, size_t));
            else n = snprintf(tmp, sizeof tmp, "%u", va_arg(vargs, unsigned int));
            break;
        case 'x':
            n = snprintf(tmp, sizeof tmp, "%x", va_arg(vargs, int));
            break;
        case 'p':
            n = snprintf(tmp, sizeof tmp, "%p", va_arg(vargs, void *));
            /* CPython makes the prefix 0x on every platform. */
            if (n >= 2 && tmp[1] != 'x') {
                memmove(tmp + 2, tmp, (size_t)n + 1);
                tmp[0] = '0';
                tmp[1] = 'x';
                n += 2;
            }
            break;
        case 's': {
            const char *s = va_arg(vargs, const char *);
            size_t len = strlen(s);
            /* A precision of 0 (or none) leaves the text whole, as CPython. */
            if (prec > 0 && (size_t)prec < len) len = (size_t)prec;
            ferric_buf_append(&b, s, len);
            f++;
            continue;
        }
        case '%':
            tmp[0] = '%';
            n = 1;
            break;
        default:
            /* An unknown conversion: the rest of the format is copied unchanged. */
            ferric_buf_append(&b, start, strlen(start));
            f = start + strlen(start);
            continue;
        }
        ferric_buf_append(&b, tmp, (size_t)n);
        f++;
    }
    if (b.failed) {
        ferric_buf_free(&b);
        return PyErr_NoMemory();
    }
    PyObject *r = PyBytes_FromStringAndSize(b.data ? b.data : "", (Py_ssize_t)b.len);
    ferric_buf_free(&b);
    return r;
}

FERRIC_API PyObject *PyBytes_FromFormat(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = PyBytes_FromFormatV(format, ap);
    va_end(ap);
    return r;
}
