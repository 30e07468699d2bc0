/* Py_Main with wide-character arguments, as programs embedding the whole command line do. */
#include <Python.h>
#include <locale.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    wchar_t **wargv = calloc(argc + 1, sizeof(wchar_t *));
    setlocale(LC_ALL, "C.UTF-8");
    for (int i = 0; i < argc; i++) {
        size_t n = mbstowcs(NULL, argv[i], 0) + 1;
        wargv[i] = calloc(n, sizeof(wchar_t));
        mbstowcs(wargv[i], argv[i], n);
    }
    return Py_Main(argc, wargv);
}
