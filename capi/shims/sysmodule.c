/* PySys_Audit: builds the event's arguments from the format (as Py_BuildValue with
 * Py_ssize_t lengths) only when some hook listens, then hands them to the Rust side. */
#include "shim.h"

FERRIC_API int PySys_Audit(const char *event, const char *format, ...) {
    if (!_ferric_audit_enabled()) {
        return 0;
    }
    PyObject *args = NULL;
    if (format != NULL && format[0] != '\0') {
        va_list ap;
        va_start(ap, format);
        args = _Py_VaBuildValue_SizeT(format, ap);
        va_end(ap);
        if (args == NULL) {
            return -1;
        }
    }
    int r = _ferric_sys_audit(event, args);
    if (args != NULL) {
        Py_XDECREF(args);
    }
    return r;
}
