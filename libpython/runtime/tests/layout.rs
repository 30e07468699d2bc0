//! The ABI test: every struct of CPython 3.11's public headers (tests/layout_table.rs,
//! generated from the host's headers by tools/gen_layout_table.py) must have a Rust twin
//! with the same size, alignment and field offsets. A C program compiled against the
//! host's headers reports the C side; `std::mem` reports ours. Any difference fails.

use std::path::Path;
use std::process::Command;

struct Entry {
    header: &'static str,
    c_type: &'static str,
    size: usize,
    align: usize,
    fields: Vec<(&'static str, usize)>,
}

macro_rules! layout_table {
    ($($header:literal [$($c:tt)+] $t:path { $($cf:ident => $rf:ident),* $(,)? })*) => {
        fn table() -> Vec<Entry> {
            vec![$(Entry {
                header: $header,
                c_type: stringify!($($c)+),
                size: std::mem::size_of::<$t>(),
                align: std::mem::align_of::<$t>(),
                fields: vec![$((stringify!($cf), std::mem::offset_of!($t, $rf))),*],
            }),*]
        }
    };
}

include!("layout/table.rs");

/// Structs of CPython's internal headers that Ferric mirrors too (reached through macros or
/// kept exact on purpose). Compiled with Py_BUILD_CORE.
fn internal_table() -> Vec<Entry> {
    use ferric_runtime::ffi;
    use ferric_runtime::objects::moduleobject::PyModuleObject;
    use ferric_runtime::runtime_state::PyRuntimeState as Rt;
    use std::mem::{align_of, offset_of, size_of};
    vec![
        Entry { header: "internal/pycore_gc.h", c_type: "PyGC_Head", size: size_of::<ffi::PyGC_Head>(), align: align_of::<ffi::PyGC_Head>(),
            fields: vec![("_gc_next", offset_of!(ffi::PyGC_Head, _gc_next)), ("_gc_prev", offset_of!(ffi::PyGC_Head, _gc_prev))] },
        Entry { header: "internal/pycore_moduleobject.h", c_type: "PyModuleObject", size: size_of::<PyModuleObject>(), align: align_of::<PyModuleObject>(),
            fields: vec![("md_dict", offset_of!(PyModuleObject, md_dict)), ("md_def", offset_of!(PyModuleObject, md_def)),
                ("md_state", offset_of!(PyModuleObject, md_state)), ("md_weaklist", offset_of!(PyModuleObject, md_weaklist)),
                ("md_name", offset_of!(PyModuleObject, md_name))] },
        Entry { header: "internal/pycore_frame.h", c_type: "_PyInterpreterFrame", size: size_of::<ffi::_PyInterpreterFrame>(), align: align_of::<ffi::_PyInterpreterFrame>(),
            fields: vec![("f_func", offset_of!(ffi::_PyInterpreterFrame, f_func)), ("f_globals", offset_of!(ffi::_PyInterpreterFrame, f_globals)),
                ("f_builtins", offset_of!(ffi::_PyInterpreterFrame, f_builtins)), ("f_locals", offset_of!(ffi::_PyInterpreterFrame, f_locals)),
                ("f_code", offset_of!(ffi::_PyInterpreterFrame, f_code)), ("frame_obj", offset_of!(ffi::_PyInterpreterFrame, frame_obj)),
                ("previous", offset_of!(ffi::_PyInterpreterFrame, previous)), ("prev_instr", offset_of!(ffi::_PyInterpreterFrame, prev_instr)),
                ("stacktop", offset_of!(ffi::_PyInterpreterFrame, stacktop)), ("is_entry", offset_of!(ffi::_PyInterpreterFrame, is_entry)),
                ("owner", offset_of!(ffi::_PyInterpreterFrame, owner)), ("localsplus", offset_of!(ffi::_PyInterpreterFrame, localsplus))] },
        Entry { header: "internal/pycore_frame.h", c_type: "struct _frame", size: size_of::<ffi::PyFrameObject>(), align: align_of::<ffi::PyFrameObject>(),
            fields: vec![("f_back", offset_of!(ffi::PyFrameObject, f_back)), ("f_frame", offset_of!(ffi::PyFrameObject, f_frame)),
                ("f_trace", offset_of!(ffi::PyFrameObject, f_trace)), ("f_lineno", offset_of!(ffi::PyFrameObject, f_lineno)),
                ("f_trace_lines", offset_of!(ffi::PyFrameObject, f_trace_lines)), ("f_trace_opcodes", offset_of!(ffi::PyFrameObject, f_trace_opcodes)),
                ("f_fast_as_locals", offset_of!(ffi::PyFrameObject, f_fast_as_locals)), ("_f_frame_data", offset_of!(ffi::PyFrameObject, _f_frame_data))] },
        Entry { header: "internal/pycore_runtime.h", c_type: "_PyRuntimeState", size: size_of::<Rt>(), align: align_of::<Rt>(),
            fields: vec![("_finalizing", offset_of!(Rt, _finalizing)), ("interpreters.head", offset_of!(Rt, interpreters_head)),
                ("interpreters.main", offset_of!(Rt, interpreters_main)), ("main_thread", offset_of!(Rt, main_thread)),
                ("gilstate.tstate_current", offset_of!(Rt, tstate_current)),
                ("global_objects.singletons.small_ints", offset_of!(Rt, small_ints)),
                ("global_objects.singletons.bytes_empty", offset_of!(Rt, _bytes)),
                ("global_objects.singletons.strings.literals", offset_of!(Rt, strings.literals)),
                ("global_objects.singletons.strings.literals._empty", offset_of!(Rt, strings.literals._empty)),
                ("global_objects.singletons.strings.literals._utf_8", offset_of!(Rt, strings.literals._utf_8)),
                ("global_objects.singletons.strings.identifiers", offset_of!(Rt, strings.identifiers)),
                ("global_objects.singletons.strings.identifiers.___name__", offset_of!(Rt, strings.identifiers.___name__)),
                ("global_objects.singletons.strings.identifiers._zipimporter", offset_of!(Rt, strings.identifiers._zipimporter)),
                ("global_objects.singletons.strings.ascii", offset_of!(Rt, strings.ascii)),
                ("global_objects.singletons.strings.latin1", offset_of!(Rt, strings.latin1)),
                ("global_objects.singletons._tuple_empty_gc_not_used", offset_of!(Rt, _tail))] },
    ]
}

fn include_dir() -> String {
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args(["-c", "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))"])
        .output()
        .expect("python3.11 must be installed (its headers are the reference)");
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(Path::new(&dir).join("Python.h").exists(), "no Python.h in {dir:?}");
    dir
}

/// Compiles and runs a C program printing "type|field|offset" and "type|@size|n" lines.
fn c_layout(entries: &[Entry], prelude: &str, name: &str) -> Vec<String> {
    let mut src = String::from(prelude);
    src.push_str("#include <stdio.h>\n#include <stddef.h>\nint main(void) {\n");
    for e in entries {
        src.push_str(&format!("    printf(\"{0}|@size|%zu\\n\", sizeof({0}));\n", e.c_type));
        src.push_str(&format!("    printf(\"{0}|@align|%zu\\n\", _Alignof({0}));\n", e.c_type));
        for (f, _) in &e.fields {
            src.push_str(&format!("    printf(\"{0}|{1}|%zu\\n\", offsetof({0}, {1}));\n", e.c_type, f));
        }
    }
    src.push_str("    return 0;\n}\n");
    let dir = std::env::temp_dir().join(format!("ferric-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join(format!("{name}.c"));
    let exe = dir.join(name);
    std::fs::write(&c, src).unwrap();
    let inc = include_dir();
    let out = Command::new("cc")
        .arg(format!("-I{inc}"))
        .arg(format!("-I{inc}/internal"))
        .arg("-o")
        .arg(&exe)
        .arg(&c)
        .output()
        .expect("a C compiler (cc) must be installed");
    assert!(out.status.success(), "compiling the layout program failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let run = Command::new(&exe).output().expect("run layout program");
    String::from_utf8_lossy(&run.stdout).lines().map(|l| l.to_owned()).collect()
}

fn compare(entries: &[Entry], c_lines: &[String]) -> (usize, Vec<String>) {
    let mut rust = Vec::new();
    for e in entries {
        rust.push(format!("{}|@size|{}", e.c_type, e.size));
        rust.push(format!("{}|@align|{}", e.c_type, e.align));
        for (f, off) in &e.fields {
            rust.push(format!("{}|{}|{}", e.c_type, f, off));
        }
    }
    let mut bad = Vec::new();
    for (i, r) in rust.iter().enumerate() {
        let c = c_lines.get(i).map(|s| s.as_str()).unwrap_or("<missing>");
        if c != r {
            let header = entries.iter().find(|e| r.starts_with(&format!("{}|", e.c_type))).map(|e| e.header).unwrap_or("?");
            bad.push(format!("{header}: C {c}  vs  Rust {r}"));
        }
    }
    (rust.len(), bad)
}

#[test]
fn public_structs_match_cpython() {
    let entries = table();
    let prelude = "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include <structmember.h>\n#include <frameobject.h>\n#include <datetime.h>\n#include <expat.h>\n#include <pyexpat.h>\n";
    let c = c_layout(&entries, prelude, "public");
    let (n, bad) = compare(&entries, &c);
    for b in &bad {
        eprintln!("{b}");
    }
    eprintln!("{} structs, {n} sizes/alignments/offsets checked, {} mismatches", entries.len(), bad.len());
    assert!(bad.is_empty());
}

#[test]
fn internal_structs_match_cpython() {
    let entries = internal_table();
    let prelude = "#define Py_BUILD_CORE 1\n#include <Python.h>\n#include \"internal/pycore_gc.h\"\n#include \"internal/pycore_moduleobject.h\"\n#include \"internal/pycore_frame.h\"\n#include \"internal/pycore_runtime.h\"\n";
    let c = c_layout(&entries, prelude, "internal");
    let (n, bad) = compare(&entries, &c);
    for b in &bad {
        eprintln!("{b}");
    }
    eprintln!("{} internal structs, {n} checks, {} mismatches", entries.len(), bad.len());
    assert!(bad.is_empty());
}

/// PyASCIIObject.state is a bitfield: set each part through C and compare the word with
/// Ferric's bit positions.
#[test]
fn unicode_state_bits_match_cpython() {
    use ferric_runtime::ffi::*;
    let src = r#"#include <Python.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
static void show(PyASCIIObject *o) { unsigned int w; memcpy(&w, (char *)o + offsetof(PyASCIIObject, state), 4); printf("%u\n", w); }
int main(void) {
    PyASCIIObject o;
    memset(&o, 0, sizeof o); o.state.interned = 3; show(&o);
    memset(&o, 0, sizeof o); o.state.kind = 4; show(&o);
    memset(&o, 0, sizeof o); o.state.compact = 1; show(&o);
    memset(&o, 0, sizeof o); o.state.ascii = 1; show(&o);
    memset(&o, 0, sizeof o); o.state.ready = 1; show(&o);
    return 0;
}
"#;
    let dir = std::env::temp_dir().join(format!("ferric-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("state.c"), src).unwrap();
    let inc = include_dir();
    let st = Command::new("cc").arg(format!("-I{inc}")).arg("-o").arg(dir.join("state")).arg(dir.join("state.c")).status().unwrap();
    assert!(st.success());
    let out = Command::new(dir.join("state")).output().unwrap();
    let got: Vec<u32> = String::from_utf8_lossy(&out.stdout).lines().map(|l| l.parse().unwrap()).collect();
    let want = vec![3 << STATE_INTERNED_SHIFT, 4 << STATE_KIND_SHIFT, STATE_COMPACT, STATE_ASCII, STATE_READY];
    assert_eq!(got, want);
}

/// Every struct of the public headers is either mirrored or excluded with a reason.
#[test]
fn every_public_struct_is_accounted_for() {
    let covered: Vec<&str> = table().iter().map(|e| e.c_type).collect();
    assert!(covered.len() + EXCLUDED.len() >= 110, "the table lost structs: regenerate it");
    for (name, header, why) in EXCLUDED {
        assert!(!why.is_empty(), "{name} ({header}) is excluded without a reason");
    }
}
