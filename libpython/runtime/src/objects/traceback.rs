//! `traceback`: one entry per frame an exception passed through (CPython's traceback.c), and
//! the text CPython prints for a chain of them, with 3.11's `^^^^` position markers.

use crate::ceval_frame::Frame;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_INT, T_OBJECT};
use crate::objects::typeobject::{self, getset, GETSET_END};
use crate::objects::{frameobject, longobject as long, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

/// How many identical lines a recursion prints before "[Previous line repeated N more times]".
const RECURSIVE_CUTOFF: usize = 3;

static mut TB_MEMBERS: [PyMemberDef; 3] = [
    member(c"tb_frame", T_OBJECT, offset_of!(PyTracebackObject, tb_frame), READONLY),
    member(c"tb_lasti", T_INT, offset_of!(PyTracebackObject, tb_lasti), READONLY),
    MEMBER_END,
];

static mut TB_GETSET: [PyGetSetDef; 3] = [
    getset(c"tb_next", Some(get_next), Some(set_next)),
    getset(c"tb_lineno", Some(get_lineno), None),
    GETSET_END,
];

static mut TB_METHODS: [PyMethodDef; 2] = [
    typeobject::method(c"__dir__", tb_dir as *const (), METH_NOARGS, c""),
    typeobject::METHOD_END,
];

/// Only the four `tb_*` attributes, as CPython's `tb_dir`.
unsafe extern "C" fn tb_dir(_op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names: Vec<Obj> = ["tb_frame", "tb_next", "tb_lasti", "tb_lineno"].iter().map(|n| str_::from_str(n)).collect::<PyResult<_>>()?;
        let ptrs: Vec<*mut PyObject> = names.iter().map(|n| n.as_ptr()).collect();
        crate::objects::listobject::from_slice(&ptrs)
    })
}

#[no_mangle]
pub static mut PyTraceBack_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"traceback".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyTracebackObject>() as _,
    tp_dealloc: Some(tb_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(tb_traverse),
    tp_clear: Some(tb_clear),
    tp_methods: (&raw mut TB_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut TB_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut TB_GETSET) as *mut PyGetSetDef,
    tp_new: Some(tb_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyTraceBack_Type
}

unsafe fn raw(op: *mut PyObject) -> *mut PyTracebackObject {
    op as *mut PyTracebackObject
}

/// A new entry `next`-linked in front of `next` (borrowed, may be NULL).
pub unsafe fn new(next: *mut PyObject, frame: *mut PyFrameObject, lasti_bytes: c_int, lineno: c_int) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PyTracebackObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyTraceBack_Type);
    let tb = raw(op);
    xincref(next);
    (*tb).tb_next = next as *mut PyTracebackObject;
    incref(frame as *mut PyObject);
    (*tb).tb_frame = frame as *mut PyObject;
    (*tb).tb_lasti = lasti_bytes;
    (*tb).tb_lineno = lineno;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// PyTraceBack_Here for an interpreter frame: the pending exception's traceback gains an
/// entry for `f` at its current instruction.
pub unsafe fn here(f: *mut Frame) -> PyResult<()> {
    let fo = frameobject::get(f)?;
    let (t, v, tb) = crate::err::fetch();
    let lasti = crate::ceval_frame::lasti(f).max(0);
    let r = new(tb, fo, lasti * 2, frameobject::line_of(f));
    xdecref(tb);
    match r {
        Ok(new_tb) => {
            crate::err::restore(t, v, new_tb.into_ptr());
            Ok(())
        }
        Err(e) => {
            xdecref(t);
            xdecref(v);
            Err(e)
        }
    }
}

unsafe extern "C" fn tb_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    tb_clear(op);
    crate::gc::free(op);
}

unsafe extern "C" fn tb_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let tb = raw(op);
    for v in [(*tb).tb_next as *mut PyObject, (*tb).tb_frame] {
        if !v.is_null() && visit(v, arg) != 0 {
            return 1;
        }
    }
    0
}

unsafe extern "C" fn tb_clear(op: *mut PyObject) -> c_int {
    let tb = raw(op);
    xsetref((&raw mut (*tb).tb_next) as *mut *mut PyObject, null_mut());
    xsetref((&raw mut (*tb).tb_frame) as *mut *mut PyObject, null_mut());
    0
}

/// traceback(tb_next, tb_frame, tb_lasti, tb_lineno)
unsafe extern "C" fn tb_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let got = crate::protocol::args::bind("traceback", args, kwds, &["tb_next", "tb_frame", "tb_lasti", "tb_lineno"], 4)?;
        let [next, frame, lasti, lineno]: [*mut PyObject; 4] = std::array::from_fn(|i| got[i].unwrap_or(null_mut()));
        let next = if noneobject::is_none(next) { null_mut() } else { next };
        if !next.is_null() && !check(next) {
            return Err(raise(exc::type_error(), format!("expected traceback object or None, got '{}'", typeobject::full_name(type_of(next)))));
        }
        if !frameobject::check(frame) {
            return Err(raise(exc::type_error(), format!("TracebackType() argument 'tb_frame' must be frame, not {}", typeobject::full_name(type_of(frame)))));
        }
        let lasti = long::as_c_long(lasti)? as c_int;
        let lineno = long::as_c_long(lineno)? as c_int;
        new(next, frame as *mut PyFrameObject, lasti, lineno)
    })
}

unsafe extern "C" fn get_next(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let n = (*raw(op)).tb_next as *mut PyObject;
    let n = if n.is_null() { noneobject::none() } else { n };
    incref(n);
    n
}

unsafe extern "C" fn set_next(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() {
        raise(exc::type_error(), "can't delete tb_next attribute");
        return -1;
    }
    let v = if noneobject::is_none(v) { null_mut() } else { v };
    if !v.is_null() && !check(v) {
        raise(exc::type_error(), format!("expected traceback object, got '{}'", typeobject::full_name(type_of(v))));
        return -1;
    }
    // A loop would make printing run forever.
    let mut cursor = v;
    while !cursor.is_null() {
        if cursor == op {
            raise(exc::value_error(), "traceback loop detected");
            return -1;
        }
        cursor = (*raw(cursor)).tb_next as *mut PyObject;
    }
    xincref(v);
    xsetref((&raw mut (*raw(op)).tb_next) as *mut *mut PyObject, v);
    0
}

unsafe extern "C" fn get_lineno(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64((*raw(op)).tb_lineno as i64)))
}

/// The source line `lineno` of `filename`, without its newline; None for `<string>`-like
/// names and unreadable files (CPython then prints no source).
pub fn source_line(filename: &str, lineno: c_int) -> Option<String> {
    if filename.starts_with('<') && filename.ends_with('>') {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.split_inclusive('\n');
    let line = lines.nth(lineno.checked_sub(1)? as usize)?;
    Some(line.strip_suffix('\n').unwrap_or(line).to_string())
}

/// Character offset of a UTF-8 byte offset in `line`.
fn char_offset(line: &str, byte: usize) -> usize {
    let byte = byte.min(line.len());
    line.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// One entry: the `File` line, the source line and, where they say more than the line
/// itself, the carets under the failing expression.
unsafe fn display_line(out: &mut String, tb: *mut PyTracebackObject) -> PyResult<()> {
    let f = (*((*tb).tb_frame as *mut PyFrameObject)).f_frame;
    let co = if f.is_null() { return Ok(()) } else { (*f).f_code };
    let filename = str_::as_str((*co).co_filename)?.to_string();
    let name = str_::as_str((*co).co_name)?;
    let lineno = (*tb).tb_lineno;
    out.push_str(&format!("  File \"{filename}\", line {lineno}, in {name}\n"));
    let Some(line) = source_line(&filename, lineno) else { return Ok(()) };
    let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
    let indent_chars = line.chars().count() - stripped.chars().count();
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    let (start_line, start_col, end_line, end_col) = crate::objects::codeobject::addr2location(co as *mut PyObject, (*tb).tb_lasti);
    if start_line < 0 || end_line < 0 || start_col < 0 || end_col < 0 {
        return Ok(());
    }
    let start = char_offset(&line, start_col as usize);
    let mut end = char_offset(&line, end_col as usize);
    let mut anchors = None;
    if start_line != end_line {
        // A multi-line expression is marked to the line's last non-blank character.
        end = line.trim_end().chars().count();
    } else if start < end {
        let segment: String = line.chars().skip(start).take(end - start).collect();
        anchors = crate::objects::traceback_anchors::anchors(&segment).map(|(l, r)| (l + start, r + start));
    }
    let stripped_len = stripped.chars().count();
    if end.saturating_sub(start) == stripped_len && anchors.is_none() {
        return Ok(());
    }
    out.push_str("    ");
    for col in indent_chars..end {
        out.push(match anchors {
            _ if col < start => ' ',
            Some((l, r)) if (l..r).contains(&col) => '^',
            Some(_) => '~',
            None => '^',
        });
    }
    out.push('\n');
    Ok(())
}

/// `Traceback (most recent call last):` and the entries of `tb`, as PyTraceBack_Print.
pub unsafe fn format(tb: *mut PyObject) -> PyResult<String> {
    let mut out = String::from("Traceback (most recent call last):\n");
    let mut cursor = tb as *mut PyTracebackObject;
    let mut last: Option<(*mut PyObject, c_int, *mut PyObject)> = None;
    let mut count = 0usize;
    while !cursor.is_null() {
        let f = (*((*cursor).tb_frame as *mut PyFrameObject)).f_frame;
        let key = if f.is_null() { None } else { Some(((*(*f).f_code).co_filename, (*cursor).tb_lineno, (*(*f).f_code).co_name)) };
        if key != last {
            if count > RECURSIVE_CUTOFF {
                repeated(&mut out, count);
            }
            last = key;
            count = 0;
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            display_line(&mut out, cursor)?;
        }
        cursor = (*cursor).tb_next;
    }
    if count > RECURSIVE_CUTOFF {
        repeated(&mut out, count);
    }
    Ok(out)
}

fn repeated(out: &mut String, count: usize) {
    let n = count - RECURSIVE_CUTOFF;
    out.push_str(&format!("  [Previous line repeated {n} more time{}]\n", if n > 1 { "s" } else { "" }));
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyTraceBack_Type)
}
