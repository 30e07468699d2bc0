/* A program built the way embedders build one: flags from the installed python3.11-config
 * (or pkg-config), linked against the installed libpython3.11.so. */
#include <Python.h>

int main(void) {
    Py_Initialize();
    int status = PyRun_SimpleString("import sys\nprint('embedded', sys.version_info[:2], sys.prefix == sys.base_prefix)");
    if (Py_FinalizeEx() < 0) return 120;
    return status == 0 ? 0 : 1;
}
