/* Declarations shared by Ferric's C shims: the variadic C-API functions, which Rust cannot
 * define, are written here in C over the (non-variadic) C API exported by the Rust side.
 * FERRIC_API marks a function exported from libpython3.11.so (build.rs collects them). */
#ifndef FERRIC_SHIM_H
#define FERRIC_SHIM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define FERRIC_API __attribute__((visibility("default")))

typedef ssize_t Py_ssize_t;
typedef struct _object PyObject;
typedef struct _typeobject PyTypeObject;

/* The header of every object: reading ob_type is all the shims need. */
struct _object {
    Py_ssize_t ob_refcnt;
    PyTypeObject *ob_type;
};

/* Exported by the Rust side. */
extern PyObject *PyExc_TypeError, *PyExc_SystemError, *PyExc_ValueError, *PyExc_OverflowError, *PyExc_ResourceWarning;
extern PyObject _Py_NoneStruct;
#define Py_None (&_Py_NoneStruct)

void Py_IncRef(PyObject *);
void Py_DecRef(PyObject *);
#define Py_XINCREF(o) Py_IncRef((PyObject *)(o))
#define Py_XDECREF(o) Py_DecRef((PyObject *)(o))

PyObject *PyErr_Occurred(void);
void PyErr_Clear(void);
void PyErr_SetString(PyObject *, const char *);
void PyErr_SetObject(PyObject *, PyObject *);
void PyErr_Fetch(PyObject **, PyObject **, PyObject **);
void PyErr_Restore(PyObject *, PyObject *, PyObject *);
void PyErr_NormalizeException(PyObject **, PyObject **, PyObject **);
void PyException_SetCause(PyObject *, PyObject *);
void PyException_SetContext(PyObject *, PyObject *);
void PyException_SetTraceback(PyObject *, PyObject *);

PyObject *PyObject_Str(PyObject *);
PyObject *PyObject_Repr(PyObject *);
PyObject *PyObject_ASCII(PyObject *);
PyObject *PyObject_Call(PyObject *, PyObject *, PyObject *);
PyObject *PyObject_GetAttrString(PyObject *, const char *);
PyObject *PyObject_GetAttr(PyObject *, PyObject *);
int PyObject_IsTrue(PyObject *);
int PyObject_IsInstance(PyObject *, PyObject *);
Py_ssize_t PyObject_Size(PyObject *);
int PySequence_Check(PyObject *);
PyObject *PySequence_GetItem(PyObject *, Py_ssize_t);
PyObject *PyObject_Vectorcall(PyObject *, PyObject *const *, size_t, PyObject *);

PyObject *PyLong_FromLong(long);
PyObject *PyLong_FromUnsignedLong(unsigned long);
PyObject *PyLong_FromLongLong(long long);
PyObject *PyLong_FromUnsignedLongLong(unsigned long long);
PyObject *PyLong_FromSsize_t(Py_ssize_t);
long PyLong_AsLong(PyObject *);
long long PyLong_AsLongLong(PyObject *);
unsigned long PyLong_AsUnsignedLongMask(PyObject *);
unsigned long long PyLong_AsUnsignedLongLongMask(PyObject *);
Py_ssize_t PyLong_AsSsize_t(PyObject *);
PyObject *PyNumber_Index(PyObject *);
PyObject *PyFloat_FromDouble(double);
double PyFloat_AsDouble(PyObject *);

PyObject *PyUnicode_FromString(const char *);
PyObject *PyUnicode_FromStringAndSize(const char *, Py_ssize_t);
PyObject *PyUnicode_FromOrdinal(int);
const char *PyUnicode_AsUTF8AndSize(PyObject *, Py_ssize_t *);
Py_ssize_t PyUnicode_GetLength(PyObject *);
unsigned int PyUnicode_ReadChar(PyObject *, Py_ssize_t);
PyObject *PyUnicode_AsUTF8String(PyObject *);
PyObject *PyBytes_FromStringAndSize(const char *, Py_ssize_t);
char *PyBytes_AsString(PyObject *);
Py_ssize_t PyBytes_Size(PyObject *);
PyObject *PyTuple_New(Py_ssize_t);
int PyTuple_SetItem(PyObject *, Py_ssize_t, PyObject *);
PyObject *PyTuple_GetItem(PyObject *, Py_ssize_t);
Py_ssize_t PyTuple_Size(PyObject *);
PyObject *PyList_New(Py_ssize_t);
int PyList_SetItem(PyObject *, Py_ssize_t, PyObject *);
PyObject *PyDict_New(void);
int PyDict_SetItem(PyObject *, PyObject *, PyObject *);
PyObject *PyDict_GetItemString(PyObject *, const char *);
PyObject *_PyDict_GetItemStringWithError(PyObject *, const char *);
Py_ssize_t PyDict_Size(PyObject *);
int PyDict_Next(PyObject *, Py_ssize_t *, PyObject **, PyObject **);
PyObject *_ferric_tuple_from_array(PyObject *const *, Py_ssize_t);
PyObject *_Py_VaBuildValue_SizeT(const char *, va_list);
int _ferric_audit_enabled(void);
int _ferric_sys_audit(const char *, PyObject *);

/* Type checks by the tp_flags bits CPython's macros use. */
unsigned long PyType_GetFlags(PyTypeObject *);
const char *_ferric_type_name(PyObject *);
const char *_ferric_tp_name(PyTypeObject *);
#define FERRIC_TYPE_FLAGS(o) PyType_GetFlags(((PyObject *)(o))->ob_type)
#define PyLong_Check(o) ((FERRIC_TYPE_FLAGS(o) & (1UL << 24)) != 0)
#define PyTuple_Check(o) ((FERRIC_TYPE_FLAGS(o) & (1UL << 26)) != 0)
#define PyBytes_Check(o) ((FERRIC_TYPE_FLAGS(o) & (1UL << 27)) != 0)
#define PyUnicode_Check(o) ((FERRIC_TYPE_FLAGS(o) & (1UL << 28)) != 0)
#define PyDict_Check(o) ((FERRIC_TYPE_FLAGS(o) & (1UL << 29)) != 0)

/* A growable UTF-8 buffer for building messages. */
typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} ferric_buf;

void ferric_buf_append(ferric_buf *b, const char *s, size_t n);
void ferric_buf_free(ferric_buf *b);

#endif
