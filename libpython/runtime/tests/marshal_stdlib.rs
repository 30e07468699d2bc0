//! marshal against CPython on the host's standard library: every `.pyc` under the stdlib's
//! `__pycache__` directories (site-packages left out) is loaded by Ferric's `marshal.loads`
//! and by python3.11 (`marshal_canon.py`); the two canonical texts (code objects field by
//! field, `co_lines()`/`co_positions()`, constants recursively) must be the same. Ferric also
//! checks `loads(dumps(x))` gives an equal object, and that damaged data (truncations and
//! overwritten bytes of every `DAMAGE_EVERY`th file) raises what CPython raises, never crashing.
//! `MARSHAL_FILTER=substring` limits the files; `MARSHAL_SHOW=dir` writes Ferric's text of
//! each differing load into `dir`.

use ferric_runtime::ffi::*;
use ferric_runtime::object::*;
use ferric_runtime::objects::typeobject::short_name;
use ferric_runtime::objects::{bytesobject as bytes, dictobject as dict, listobject as list, setobject as set, tupleobject as tuple, unicodeobject as str_};
use ferric_runtime::protocol::{call, iter, object as proto};
use ferric_runtime::{err, Obj, PyResult};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const DAMAGE_EVERY: usize = 50;
const CODE_FIELDS: [&str; 18] = [
    "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags", "co_firstlineno", "co_code", "co_consts",
    "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname", "co_linetable", "co_exceptiontable",
];

fn stdlib_pycs() -> Vec<PathBuf> {
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3.11 (the oracle)");
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut found = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != "site-packages" {
                    dirs.push(p);
                }
            } else if name.ends_with(".pyc") && d.file_name().map(|n| n == "__pycache__").unwrap_or(false) {
                found.push(p);
            }
        }
    }
    let filter = std::env::var("MARSHAL_FILTER").ok();
    found.retain(|p| filter.as_ref().map(|f| p.display().to_string().contains(f.as_str())).unwrap_or(true));
    found.sort();
    found
}

/// The damaged inputs, as marshal_canon.py names and makes them.
fn variants(n: usize) -> Vec<String> {
    let mut v: Vec<String> = (1..6).map(|k| format!("trunc:{}", n * k / 6)).collect();
    for k in 1..6 {
        for val in [0x00, 0xff, 0x29] {
            v.push(format!("set:{}:{val}", n * k / 6));
        }
    }
    v
}

fn apply(data: &[u8], v: &str) -> Vec<u8> {
    let parts: Vec<&str> = v.split(':').collect();
    let pos: usize = parts[1].parse().unwrap();
    if parts[0] == "trunc" {
        return data[..pos].to_vec();
    }
    let mut d = data.to_vec();
    d[pos] = parts[2].parse().unwrap();
    d
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *t = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

unsafe fn text(o: *mut PyObject) -> PyResult<String> {
    Ok(str_::as_str(o)?.to_owned())
}

unsafe fn join(items: &[*mut PyObject]) -> PyResult<String> {
    let parts: PyResult<Vec<String>> = items.iter().map(|&x| canon(x)).collect();
    Ok(parts?.join(","))
}

/// The canonical text of marshal_canon.py's `canon`.
unsafe fn canon(o: *mut PyObject) -> PyResult<String> {
    let name = short_name(type_of(o));
    if name == "code" {
        let mut parts = Vec::new();
        for f in CODE_FIELDS {
            let v = proto::getattr_str(o, f)?;
            parts.push(format!("{f}={}", canon(v.as_ptr())?));
        }
        for (label, method) in [("lines", "co_lines"), ("positions", "co_positions")] {
            let it = call::call_method_obj(o, method, &[])?;
            let items = iter::collect(it.as_ptr())?;
            let ptrs: Vec<*mut PyObject> = items.iter().map(|x| x.as_ptr()).collect();
            parts.push(format!("{label}=[{}]", join(&ptrs)?));
        }
        return Ok(format!("code{{{}}}", parts.join(";")));
    }
    if tuple::check_exact(o) {
        return Ok(format!("({})", join(tuple::items(o))?));
    }
    if list::check_exact(o) {
        return Ok(format!("[{}]", join(list::items(o))?));
    }
    if set::any_check(o) {
        let mut parts = Vec::new();
        for k in set::keys(o) {
            parts.push(canon(k)?);
        }
        parts.sort();
        return Ok(format!("{name}{{{}}}", parts.join(",")));
    }
    if dict::check_exact(o) {
        let mut parts = Vec::new();
        for (k, v) in dict::entries(o) {
            parts.push(format!("{}:{}", canon(k)?, canon(v)?));
        }
        return Ok(format!("dict{{{}}}", parts.join(",")));
    }
    let r = proto::repr(o)?;
    Ok(format!("{name}:{}", text(r.as_ptr())?))
}

unsafe fn exception_line() -> String {
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = ferric_runtime::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    err::clear();
    let name = short_name(type_of(v));
    let msg = proto::str(v).ok().and_then(|s| text(s.as_ptr()).ok()).unwrap_or_default();
    err::clear();
    xdecref(t);
    xdecref(v);
    xdecref(tb);
    format!("exc:{name}: {}", msg.replace('\n', "\\n"))
}

struct Marshal {
    loads: Obj,
    dumps: Obj,
}

impl Marshal {
    unsafe fn new() -> Marshal {
        let modules = dict::get_item_str(ferric_runtime::interp::sysdict(), "modules").unwrap();
        let m = dict::get_item_str(modules, "marshal").unwrap();
        assert!(!m.is_null(), "sys.modules has no marshal");
        Marshal { loads: proto::getattr_str(m, "loads").unwrap(), dumps: proto::getattr_str(m, "dumps").unwrap() }
    }

    unsafe fn loads(&self, data: &[u8]) -> PyResult<Obj> {
        let b = bytes::from_slice(data)?;
        call::vectorcall(self.loads.as_ptr(), &[b.as_ptr()], std::ptr::null_mut())
    }

    /// The oracle-format line for one load, and the loaded object.
    unsafe fn load_line(&self, data: &[u8]) -> (String, Option<Obj>, String) {
        match self.loads(data).and_then(|o| canon(o.as_ptr()).map(|t| (o, t))) {
            Ok((o, t)) => (format!("ok:{:08x}:{}", crc32(t.as_bytes()), t.len()), Some(o), t),
            Err(_) => (exception_line(), None, String::new()),
        }
    }
}

/// Damaged data: CPython's exception and message, except that its SystemErrors name C
/// source lines, so there only the type must agree; where CPython crashes, any exception does.
fn damaged_agrees(want: &str, got: &str) -> bool {
    if want == "crash" {
        return got.starts_with("exc:") || got.starts_with("ok:");
    }
    if want.starts_with("exc:SystemError:") {
        return got.starts_with("exc:SystemError:");
    }
    want == got
}

#[test]
fn stdlib_pycs_load_as_in_cpython() {
    let files = stdlib_pycs();
    assert!(files.len() > 100 || std::env::var("MARSHAL_FILTER").is_ok(), "too few stdlib .pyc files found: {}", files.len());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/marshal_canon.py");
    let mut child = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .arg(&script)
        .arg(DAMAGE_EVERY.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3.11");
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success(), "marshal_canon.py failed");
        let oracle: HashMap<(String, String), String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let mut f = l.splitn(3, '\t');
                ((f.next().unwrap().to_owned(), f.next().unwrap_or("").to_owned()), f.next().unwrap_or("").to_owned())
            })
            .collect();
        check(&files, &oracle);
    }
}

fn check(files: &[PathBuf], oracle: &HashMap<(String, String), String>) {
    ferric_runtime::lifecycle::initialize().expect("initialize");
    let show = std::env::var("MARSHAL_SHOW").ok();
    let dump = |key: &str, v: &str, text: &str| {
        if let Some(dir) = &show {
            let name = format!("{}{}.txt", key.replace('/', "_"), v.replace(':', "_"));
            let _ = std::fs::write(Path::new(dir).join(name), text);
        }
    };
    let mut failures = Vec::new();
    let mut damaged_checked = 0;
    // Safety: the runtime is initialised and this thread holds the only thread state.
    unsafe {
        let m = Marshal::new();
        for (i, path) in files.iter().enumerate() {
            let key = path.display().to_string();
            let data = std::fs::read(path).unwrap();
            let data = &data[16.min(data.len())..];
            let want = oracle.get(&(key.clone(), String::new())).cloned().unwrap_or_default();
            let (got, obj, text) = m.load_line(data);
            if got != want {
                dump(&key, "", &text);
                failures.push(format!("{key}: cpython {want}, ferric {got}"));
                continue;
            }
            // Round trip: loads(dumps(x)) == x, and the same canonical text.
            if let Some(o) = obj {
                let again = call::vectorcall(m.dumps.as_ptr(), &[o.as_ptr()], std::ptr::null_mut()).and_then(|b| m.loads(bytes::as_slice(b.as_ptr())));
                match again {
                    Ok(o2) => {
                        let same_text = canon(o2.as_ptr()).map(|t| t == text).unwrap_or(false);
                        let equal = proto::rich_compare_bool(o.as_ptr(), o2.as_ptr(), Py_EQ).unwrap_or(false);
                        if !same_text || !equal {
                            failures.push(format!("{key}: round trip differs (same text {same_text}, == {equal})"));
                        }
                    }
                    Err(_) => failures.push(format!("{key}: round trip raised {}", exception_line())),
                }
            }
            if i % DAMAGE_EVERY == 0 {
                for v in variants(data.len()) {
                    let want = oracle.get(&(key.clone(), v.clone())).cloned().unwrap_or_default();
                    let (got, _, text) = m.load_line(&apply(data, &v));
                    damaged_checked += 1;
                    if !damaged_agrees(&want, &got) {
                        dump(&key, &v, &text);
                        failures.push(format!("{key} [{v}]: cpython {want}, ferric {got}"));
                    }
                }
            }
        }
    }
    eprintln!("{} files, {damaged_checked} damaged variants, {} differ from CPython", files.len(), failures.len());
    for f in failures.iter().take(400) {
        eprintln!("  {f}");
    }
    assert!(failures.is_empty(), "{} loads differ from CPython", failures.len());
}
