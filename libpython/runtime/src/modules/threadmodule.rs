//! The `_thread` module (CPython's Modules/_threadmodule.c): `LockType`, `RLock`,
//! `allocate_lock`, `get_ident`, `get_native_id`, `_count`, `stack_size`, `TIMEOUT_MAX`,
//! `error`. Starting threads waits for the GIL: `start_new_thread` raises
//! NotImplementedError naming it, and `threading` falls back on `_threading_local`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the field accesses rely on `op` being an instance of the type named.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{boolobject, dictobject as dict, floatobject as float, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::args::bind;
use crate::pythread::{get_ident, RawLock};
use std::mem::size_of;
use std::ptr::null_mut;
use std::time::Duration;

/// `TIMEOUT_MAX`: the largest timeout, in seconds, CPython accepts on Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;

#[repr(C)]
struct LockObject {
    ob_base: PyObject,
    lock: RawLock,
    weakreflist: *mut PyObject,
}

#[repr(C)]
struct RLockObject {
    ob_base: PyObject,
    lock: RawLock,
    owner: u64,
    count: u64,
    weakreflist: *mut PyObject,
}

unsafe fn lock_of<'a>(op: *mut PyObject) -> &'a LockObject {
    &*(op as *const LockObject)
}

unsafe fn rlock_of<'a>(op: *mut PyObject) -> &'a mut RLockObject {
    &mut *(op as *mut RLockObject)
}

/// The `(blocking=True, timeout=-1)` of `acquire`, as a wait: None for forever.
unsafe fn acquire_args(args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Option<Duration>> {
    let a = bind("acquire", args, kwds, &["blocking", "timeout"], 0)?;
    let blocking = match a[0] {
        Some(b) => crate::protocol::object::is_true(b)?,
        None => true,
    };
    let timeout = match a[1] {
        Some(t) => float::as_f64(t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(raise(exc::value_error(), "can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(raise(exc::value_error(), "timeout value must be positive"));
    }
    if !blocking {
        return Ok(Some(Duration::ZERO));
    }
    if timeout == -1.0 {
        return Ok(None);
    }
    if timeout > TIMEOUT_MAX {
        return Err(raise(exc::overflow_error(), "timeout value is too large"));
    }
    Ok(Some(Duration::from_secs_f64(timeout)))
}

unsafe fn as_u64(o: *mut PyObject) -> PyResult<u64> {
    let v = long::as_c_long(o)?;
    u64::try_from(v).map_err(|_| raise(exc::overflow_error(), "can't convert negative int to unsigned"))
}

fn py_bool(b: bool) -> *mut PyObject {
    let v = boolobject::new_bool(b);
    // Safety: True and False are immortal; the caller gets a new reference.
    unsafe { incref(v) };
    v
}

// ---- lock --------------------------------------------------------------------------------

unsafe fn new_lock() -> PyResult<Obj> {
    let op = typeobject::alloc_instance(&raw mut LOCK_TYPE)?;
    // Safety: freshly allocated and zeroed; the lock is written in place once.
    std::ptr::write(&raw mut (*(op.as_ptr() as *mut LockObject)).lock, RawLock::new());
    Ok(op)
}

unsafe extern "C" fn lock_dealloc(op: *mut PyObject) {
    if !lock_of(op).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    std::ptr::drop_in_place(&raw mut (*(op as *mut LockObject)).lock);
    typeobject::free_instance(op);
}

unsafe extern "C" fn lock_acquire(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let wait = acquire_args(args, kwds)?;
        Ok(Obj::from_owned_nonnull(py_bool(lock_of(op).lock.acquire(wait))))
    })
}

unsafe extern "C" fn lock_release(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !lock_of(op).lock.release() {
            return Err(raise(exc::runtime_error(), "release unlocked lock"));
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn lock_exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    lock_release(op, null_mut())
}

unsafe extern "C" fn lock_locked(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    py_bool(lock_of(op).lock.is_locked())
}

unsafe extern "C" fn lock_at_fork_reinit(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // After fork only this thread exists: whoever held the lock is gone.
    lock_of(op).lock.release();
    incref(noneobject::none());
    noneobject::none()
}

unsafe extern "C" fn lock_repr(op: *mut PyObject) -> *mut PyObject {
    let state = if lock_of(op).lock.is_locked() { "locked" } else { "unlocked" };
    crate::guard::catch_obj(|| str_::from_str(&format!("<{state} _thread.lock object at {op:p}>")))
}

const ACQUIRE_DOC: &std::ffi::CStr = c"acquire(blocking=True, timeout=-1) -> bool\n(acquire_lock() is an obsolete synonym)\n\nLock the lock.";
const RELEASE_DOC: &std::ffi::CStr = c"release()\n(release_lock() is an obsolete synonym)\n\nRelease the lock.";

static mut LOCK_METHODS: [PyMethodDef; 10] = [
    method(c"acquire_lock", lock_acquire as *const (), METH_VARARGS | METH_KEYWORDS, ACQUIRE_DOC),
    method(c"acquire", lock_acquire as *const (), METH_VARARGS | METH_KEYWORDS, ACQUIRE_DOC),
    method(c"release_lock", lock_release as *const (), METH_NOARGS, RELEASE_DOC),
    method(c"release", lock_release as *const (), METH_NOARGS, RELEASE_DOC),
    method(c"locked_lock", lock_locked as *const (), METH_NOARGS, c"locked() -> bool\n(locked_lock() is an obsolete synonym)\n\nTell whether the lock is locked."),
    method(c"locked", lock_locked as *const (), METH_NOARGS, c"locked() -> bool\n(locked_lock() is an obsolete synonym)\n\nTell whether the lock is locked."),
    method(c"__enter__", lock_acquire as *const (), METH_VARARGS | METH_KEYWORDS, ACQUIRE_DOC),
    method(c"__exit__", lock_exit as *const (), METH_VARARGS, RELEASE_DOC),
    method(c"_at_fork_reinit", lock_at_fork_reinit as *const (), METH_NOARGS, c"_at_fork_reinit()\n--\n\n"),
    METHOD_END,
];

pub static mut LOCK_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"_thread.lock".as_ptr(),
    tp_basicsize: size_of::<LockObject>() as _,
    tp_dealloc: Some(lock_dealloc),
    tp_repr: Some(lock_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_doc: c"A lock object is a synchronization primitive.".as_ptr(),
    tp_weaklistoffset: std::mem::offset_of!(LockObject, weakreflist) as _,
    tp_methods: (&raw mut LOCK_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    ..PyTypeObject::EMPTY
};

// ---- RLock -------------------------------------------------------------------------------

unsafe extern "C" fn rlock_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let op = typeobject::alloc_instance(tp)?;
        // Safety: freshly allocated and zeroed; the lock is written in place once.
        std::ptr::write(&raw mut (*(op.as_ptr() as *mut RLockObject)).lock, RawLock::new());
        Ok(op)
    })
}

unsafe extern "C" fn rlock_dealloc(op: *mut PyObject) {
    if !rlock_of(op).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    std::ptr::drop_in_place(&raw mut (*(op as *mut RLockObject)).lock);
    typeobject::free_instance(op);
}

unsafe extern "C" fn rlock_acquire(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let wait = acquire_args(args, kwds)?;
        let r = rlock_of(op);
        let me = get_ident();
        if r.count > 0 && r.owner == me {
            if r.count == u64::MAX {
                return Err(raise(exc::overflow_error(), "Internal lock count overflowed"));
            }
            r.count += 1;
            return Ok(Obj::from_owned_nonnull(py_bool(true)));
        }
        if !r.lock.acquire(wait) {
            return Ok(Obj::from_owned_nonnull(py_bool(false)));
        }
        r.owner = me;
        r.count = 1;
        Ok(Obj::from_owned_nonnull(py_bool(true)))
    })
}

unsafe extern "C" fn rlock_release(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = rlock_of(op);
        if r.count == 0 || r.owner != get_ident() {
            return Err(raise(exc::runtime_error(), "cannot release un-acquired lock"));
        }
        r.count -= 1;
        if r.count == 0 {
            r.owner = 0;
            r.lock.release();
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn rlock_exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    rlock_release(op, null_mut())
}

unsafe extern "C" fn rlock_is_owned(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let r = rlock_of(op);
    py_bool(r.count > 0 && r.owner == get_ident())
}

unsafe extern "C" fn rlock_recursion_count(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let r = rlock_of(op);
    let n = if r.owner == get_ident() { r.count } else { 0 };
    long::from_u64(n).into_ptr()
}

/// `_release_save()`: frees the lock whatever its count, returning `(count, owner)`.
unsafe extern "C" fn rlock_release_save(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = rlock_of(op);
        if r.count == 0 {
            return Err(raise(exc::runtime_error(), "cannot release un-acquired lock"));
        }
        let saved = tuple::pack(&[long::from_u64(r.count).as_ptr(), long::from_u64(r.owner).as_ptr()])?;
        r.count = 0;
        r.owner = 0;
        r.lock.release();
        Ok(saved)
    })
}

/// `_acquire_restore((count, owner))`: takes the lock back as `_release_save` left it.
unsafe extern "C" fn rlock_acquire_restore(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !tuple::check(state) || tuple::items(state).len() != 2 {
            return Err(raise(exc::type_error(), "_acquire_restore() argument must be a (count, owner) tuple"));
        }
        let items = tuple::items(state);
        let count = as_u64(items[0])?;
        let owner = as_u64(items[1])?;
        let r = rlock_of(op);
        r.lock.acquire(None);
        r.owner = owner;
        r.count = count;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn rlock_at_fork_reinit(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let r = rlock_of(op);
    r.lock.release();
    r.owner = 0;
    r.count = 0;
    incref(noneobject::none());
    noneobject::none()
}

unsafe extern "C" fn rlock_repr(op: *mut PyObject) -> *mut PyObject {
    let r = rlock_of(op);
    let state = if r.count > 0 { "locked" } else { "unlocked" };
    let tp = typeobject::full_name(type_of(op));
    crate::guard::catch_obj(|| str_::from_str(&format!("<{state} {tp} object owner={} count={} at {op:p}>", r.owner, r.count)))
}

static mut RLOCK_METHODS: [PyMethodDef; 10] = [
    method(c"acquire", rlock_acquire as *const (), METH_VARARGS | METH_KEYWORDS, ACQUIRE_DOC),
    method(c"release", rlock_release as *const (), METH_NOARGS, RELEASE_DOC),
    method(c"_is_owned", rlock_is_owned as *const (), METH_NOARGS, c"_is_owned() -> bool\n\nFor internal use by `threading.Condition`."),
    method(c"_recursion_count", rlock_recursion_count as *const (), METH_NOARGS, c"_recursion_count() -> int\n\nFor internal use by reentrancy checks."),
    method(c"_release_save", rlock_release_save as *const (), METH_NOARGS, c"_release_save() -> tuple\n\nFor internal use by `threading.Condition`."),
    method(c"_acquire_restore", rlock_acquire_restore as *const (), METH_O, c"_acquire_restore(state) -> None\n\nFor internal use by `threading.Condition`."),
    method(c"__enter__", rlock_acquire as *const (), METH_VARARGS | METH_KEYWORDS, ACQUIRE_DOC),
    method(c"__exit__", rlock_exit as *const (), METH_VARARGS, RELEASE_DOC),
    method(c"_at_fork_reinit", rlock_at_fork_reinit as *const (), METH_NOARGS, c"_at_fork_reinit()\n--\n\n"),
    METHOD_END,
];

pub static mut RLOCK_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"_thread.RLock".as_ptr(),
    tp_basicsize: size_of::<RLockObject>() as _,
    tp_dealloc: Some(rlock_dealloc),
    tp_repr: Some(rlock_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_weaklistoffset: std::mem::offset_of!(RLockObject, weakreflist) as _,
    tp_methods: (&raw mut RLOCK_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(rlock_new),
    ..PyTypeObject::EMPTY
};

// ---- module functions --------------------------------------------------------------------

unsafe extern "C" fn thread_allocate_lock(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new_lock())
}

unsafe extern "C" fn thread_get_ident(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    long::from_u64(get_ident()).into_ptr()
}

unsafe extern "C" fn thread_get_native_id(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    long::from_i64(libc::gettid() as i64).into_ptr()
}

unsafe extern "C" fn thread_count(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    long::from_i64(0).into_ptr()
}

static STACK_SIZE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe extern "C" fn thread_stack_size(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("stack_size", a.len(), 0, 1)?;
        let old = STACK_SIZE.load(std::sync::atomic::Ordering::Relaxed);
        if let Some(&size) = a.first() {
            let size = long::as_c_long(size)?;
            if size != 0 && size < 32768 {
                return Err(raise(exc::value_error(), "size not valid: 32768 bytes"));
            }
            if size < 0 {
                return Err(raise(exc::value_error(), "size must be 0 or a positive value"));
            }
            STACK_SIZE.store(size as usize, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(long::from_u64(old as u64))
    })
}

unsafe extern "C" fn thread_start_new_thread(_m: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Err(raise(exc::not_implemented_error(), "_thread.start_new_thread: Ferric cannot start threads until it has a GIL")))
}

unsafe extern "C" fn thread_exit(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::err::set_object(exc::system_exit(), noneobject::none());
    null_mut()
}

static mut METHODS: [PyMethodDef; 14] = [
    method(c"allocate_lock", thread_allocate_lock as *const (), METH_NOARGS, c"allocate_lock() -> lock object\n(allocate() is an obsolete synonym)\n\nCreate a new lock object."),
    method(c"allocate", thread_allocate_lock as *const (), METH_NOARGS, c"allocate_lock() -> lock object\n(allocate() is an obsolete synonym)\n\nCreate a new lock object."),
    method(c"_set_sentinel", thread_allocate_lock as *const (), METH_NOARGS, c"_set_sentinel() -> lock\n\nSet a sentinel lock that will be released when the current thread\nstate is finalized (after it is untied from the interpreter)."),
    method(c"get_ident", thread_get_ident as *const (), METH_NOARGS, c"get_ident() -> integer\n\nReturn a non-zero integer that uniquely identifies the current thread\namongst other threads that exist simultaneously."),
    method(c"get_native_id", thread_get_native_id as *const (), METH_NOARGS, c"get_native_id() -> integer\n\nReturn a non-negative integer identifying the thread as reported\nby the OS (kernel)."),
    method(c"_count", thread_count as *const (), METH_NOARGS, c"_count() -> integer\n\nReturn the number of currently running Python threads, excluding\nthe main thread."),
    method(c"stack_size", thread_stack_size as *const (), METH_FASTCALL, c"stack_size([size]) -> size\n\nReturn the thread stack size used when creating new threads."),
    method(c"start_new_thread", thread_start_new_thread as *const (), METH_VARARGS, c"start_new_thread(function, args[, kwargs])"),
    method(c"start_new", thread_start_new_thread as *const (), METH_VARARGS, c"start_new_thread(function, args[, kwargs])"),
    method(c"exit", thread_exit as *const (), METH_NOARGS, c"exit()\n(exit_thread() is an obsolete synonym)\n\nThis is synonymous to ``raise SystemExit''."),
    method(c"exit_thread", thread_exit as *const (), METH_NOARGS, c"exit()\n(exit_thread() is an obsolete synonym)\n\nThis is synonymous to ``raise SystemExit''."),
    METHOD_END,
    METHOD_END,
    METHOD_END,
];

const DOC: &str = "This module provides primitive operations to write multi-threaded programs.\nThe 'threading' module provides a more convenient interface.";

/// Makes the `_thread` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("_thread")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    typeobject::ready(&raw mut LOCK_TYPE)?;
    typeobject::ready(&raw mut RLOCK_TYPE)?;
    dict::set_item_str(d, "LockType", (&raw mut LOCK_TYPE) as *mut PyObject)?;
    dict::set_item_str(d, "RLock", (&raw mut RLOCK_TYPE) as *mut PyObject)?;
    dict::set_item_str(d, "error", exc::runtime_error() as *mut PyObject)?;
    dict::set_item_str(d, "TIMEOUT_MAX", float::from_f64(TIMEOUT_MAX)?.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    Ok(m)
}
