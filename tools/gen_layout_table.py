"""Writes libpython/runtime/tests/layout/table.rs: the structs of CPython 3.11's headers and
their field names, for tests/layout.rs (which asks the C compiler for the offsets and
compares them with Ferric's #[repr(C)] twins). Run with python3.11 when the set of mirrored
structs changes; the exclusions below say why a struct is left out."""
import glob, os, re, sys, sysconfig

INC = sysconfig.get_config_var("INCLUDEPY")
OUT = os.path.join(os.path.dirname(__file__), "..", "libpython/runtime/tests/layout/table.rs")

# C type name -> Rust path (relative to ferric_runtime) when it is not ffi::<same name>.
RUST = {
    "_object": "ffi::PyObject", "_typeobject": "ffi::PyTypeObject", "_longobject": "ffi::PyLongObject",
    "_ts": "ffi::PyThreadState", "_err_stackitem": "ffi::_PyErr_StackItem", "_stack_chunk": "ffi::_PyStackChunk",
    "_traceback": "ffi::PyTracebackObject", "_PyWeakReference": "objects::weakrefobject::PyWeakReference",
    "PyCellObject": "objects::cellobject::PyCellObject", "PyMethodObject": "objects::classobject::PyMethodObject",
    "PyCMethodObject": "objects::methodobject::PyCMethodObject",
    "PyBaseExceptionGroupObject": "objects::exceptions::PyBaseExceptionGroupObject",
    "PySyntaxErrorObject": "objects::exceptions::PySyntaxErrorObject", "PyImportErrorObject": "objects::exceptions::PyImportErrorObject",
    "PyUnicodeErrorObject": "objects::exceptions::PyUnicodeErrorObject", "PySystemExitObject": "objects::exceptions::PySystemExitObject",
    "PyOSErrorObject": "objects::exceptions::PyOSErrorObject", "PyStopIterationObject": "objects::exceptions::PyStopIterationObject",
    "PyNameErrorObject": "objects::exceptions::PyNameErrorObject", "PyAttributeErrorObject": "objects::exceptions::PyAttributeErrorObject",
    "PyStructSequence_Field": "objects::structseq::PyStructSequence_Field", "PyStructSequence_Desc": "objects::structseq::PyStructSequence_Desc",
    "_heaptypeobject": "ffi::PyHeapTypeObject", "_line_offsets": "ffi::PyCodeAddressRange",
    "_Py_HashSecret_t": "ffi::_Py_HashSecret_t", "PyCodeObject": "ffi::PyCodeObject",
}
# C field name -> Rust field name where Rust needs another spelling.
FIELD = {"type": "type_"}
EXCLUDE = {
    "pthread_cond_t": "pthread stubs exist only for WASI builds",
    "pthread_condattr_t": "pthread stubs exist only for WASI builds",
    "pthread_mutex_t": "pthread stubs exist only for WASI builds",
    "pthread_mutexattr_t": "pthread stubs exist only for WASI builds",
    "pthread_attr_t": "pthread stubs exist only for WASI builds",
    "PyCursesWindowObject": "py_curses.h needs curses.h, which Ferric does not provide; _curses is a lib-dynload module",
    "state": "the PyASCIIObject.state bitfield: checked bit by bit, not by offsetof",
    "data": "the union inside PyUnicodeObject: checked through PyUnicodeObject.data",
    "fnv": "member struct of _Py_HashSecret_t", "siphash": "member struct of _Py_HashSecret_t",
    "djbx33a": "member struct of _Py_HashSecret_t", "expat": "member struct of _Py_HashSecret_t",
    "PyPreConfig": None, "PyConfig": None,
}

def strip_comments(t):
    t = re.sub(r"/\*.*?\*/", "", t, flags=re.S)
    return re.sub(r"//[^\n]*", "", t)

def expand(body, text):
    # Expand the header-defined field macros used inside struct bodies.
    macros = {
        "PyObject_HEAD": "PyObject ob_base;", "PyObject_VAR_HEAD": "PyVarObject ob_base;",
        "PyException_HEAD": "PyObject ob_base; PyObject *dict; PyObject *args; PyObject *notes; PyObject *traceback; PyObject *context; PyObject *cause; char suppress_context;",
        "PyDescr_COMMON": "PyDescrObject d_common",
        "_PyTZINFO_HEAD": "PyObject ob_base; Py_hash_t hashcode; char hastzinfo;",
        "_PyDateTime_TIMEHEAD": "PyObject ob_base; Py_hash_t hashcode; char hastzinfo; unsigned char data[6];",
        "_PyDateTime_DATETIMEHEAD": "PyObject ob_base; Py_hash_t hashcode; char hastzinfo; unsigned char data[10];",
    }
    for k, v in macros.items():
        body = re.sub(r"\b%s\b" % k, v, body)
    for prefix in ("gi", "cr", "ag"):
        body = body.replace("_PyGenObject_HEAD(%s)" % prefix,
            "PyObject ob_base; PyCodeObject *{p}_code; PyObject *{p}_weakreflist; PyObject *{p}_name; PyObject *{p}_qualname; "
            "_PyErr_StackItem {p}_exc_state; PyObject *{p}_origin_or_finalizer; char {p}_hooks_inited; char {p}_closed; "
            "char {p}_running_async; int8_t {p}_frame_state; PyObject *{p}_iframe[1];".format(p=prefix))
    for prefix in ("fc_", "func_"):
        body = body.replace("COMMON_FIELDS(%s)" % prefix, " ".join(
            "PyObject *%s%s;" % (prefix, n) for n in ("globals", "builtins", "name", "qualname", "code", "defaults", "kwdefaults", "closure")))
    return body

def fields(body):
    out = []
    body = re.sub(r"#\s*ifdef\s+MS_WINDOWS.*?#\s*endif", "", body, flags=re.S)
    body = re.sub(r"#[^\n]*", "", body)
    # nested struct/union definitions are one field
    body = re.sub(r"(struct|union|enum)\s*\w*\s*\{[^{}]*\}\s*(\w+)\s*;", r"NESTED \2;", body)
    for decl in body.split(";"):
        decl = decl.strip()
        if not decl:
            continue
        if "(" in decl:  # function pointer: name in (*name)
            m = re.search(r"\(\s*\*\s*(?:const\s+)?(\w+)\s*\)", decl)
            if m:
                out.append(m.group(1))
            continue
        if ":" in decl:  # bitfield
            continue
        decl = re.sub(r"\[[^\]]*\]", "", decl)
        for part in decl.split(","):
            name = re.findall(r"\w+", part)
            if name:
                out.append(name[-1])
    return out

def structs():
    for f in sorted(glob.glob(os.path.join(INC, "*.h")) + glob.glob(os.path.join(INC, "cpython", "*.h"))):
        text = strip_comments(open(f).read())
        for m in re.finditer(r"(typedef\s+)?(struct|union)\s*(\w*)\s*\{", text):
            depth, i = 1, m.end()
            while depth and i < len(text):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            after = re.match(r"\s*(\w+)\s*;", text[i:i + 80])
            name = after.group(1) if (m.group(1) and after) else (m.group(3) or (after.group(1) if after else None))
            if name:
                yield os.path.relpath(f, INC), name, expand(text[m.end():i - 1], text)
    # The code object is declared through a macro.
    code = strip_comments(open(os.path.join(INC, "cpython", "code.h")).read())
    m = re.search(r"#define _PyCode_DEF\(SIZE\) \{(.*?)\n\}", code, flags=re.S)
    body = m.group(1).replace("\\\n", "\n").replace("(SIZE)", "1")
    yield "cpython/code.h", "PyCodeObject", expand(body, code)

def main():
    lines = ["// Generated by tools/gen_layout_table.py from the host's CPython 3.11 headers.",
             "// Each entry: C type, Rust type, fields (C name => Rust name). Do not edit by hand.", "",
             "layout_table! {"]
    excluded = []
    seen = set()
    for header, name, body in structs():
        if name in seen:
            continue
        seen.add(name)
        if name in EXCLUDE and EXCLUDE[name] and name not in ("PyPreConfig", "PyConfig"):
            excluded.append((name, header, EXCLUDE[name]))
            continue
        c_type = {"_object": "struct _object", "_typeobject": "PyTypeObject", "_longobject": "struct _longobject",
                  "_ts": "struct _ts", "_err_stackitem": "_PyErr_StackItem", "_stack_chunk": "_PyStackChunk",
                  "_traceback": "PyTracebackObject", "_PyWeakReference": "PyWeakReference",
                  "_heaptypeobject": "PyHeapTypeObject", "_line_offsets": "PyCodeAddressRange",
                  "_opaque": "struct _opaque", "wrapperbase": "struct wrapperbase", "_xid": "struct _xid",
                  "_inittab": "struct _inittab", "_frozen": "struct _frozen", "_Py_Identifier": "_Py_Identifier",
                  "_specialization_cache": "struct _specialization_cache", "_PyArg_Parser": "_PyArg_Parser",
                  "_PyCFrame": "_PyCFrame", "_Py_tss_t": "struct _Py_tss_t", "PyExpat_CAPI": "struct PyExpat_CAPI"}.get(name, name)
        rust = "ferric_runtime::" + RUST.get(name, "ffi::" + name)
        fl = fields(body)
        if name == "PyUnicodeObject":
            fl = ["_base", "data"]
        if name == "PyASCIIObject":
            fl = [f for f in fl if f != "state"] + ["state"]
        pairs = ", ".join("%s => %s" % (f, FIELD.get(f, f)) for f in fl if f != "NESTED")
        lines.append('    "%s" [%s] %s { %s }' % (header, c_type, rust, pairs))
    lines.append("}")
    lines.append("")
    lines.append("/// Structs of the public headers deliberately not mirrored, and why.")
    lines.append("pub const EXCLUDED: &[(&str, &str, &str)] = &[")
    for name, header, why in excluded:
        lines.append('    ("%s", "%s", "%s"),' % (name, header, why))
    lines.append("];")
    open(OUT, "w").write("\n".join(lines) + "\n")
    print("wrote", OUT, len(seen), "structs,", len(excluded), "excluded")

main()
