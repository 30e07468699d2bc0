//! Start-up and shut-down: `Py_Initialize` readies every builtin type and singleton so the
//! whole object API works before any Python code runs.

use crate::err::PyResult;
use crate::objects::*;
use std::sync::atomic::{AtomicBool, Ordering};

static INITIALIZED: AtomicBool = AtomicBool::new(false);

pub fn is_initialized() -> bool {
    INITIALIZED.load(Ordering::Acquire)
}

/// Readies the types in dependency order. Idempotent.
pub fn initialize() -> PyResult<()> {
    if is_initialized() {
        return Ok(());
    }
    if !crate::pyhash::init_secret() {
        eprintln!("Fatal Python error: PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]");
        std::process::exit(1);
    }
    // Safety: single-threaded start-up; every type is a static that lives forever.
    unsafe {
        let _ = crate::pystate::tstate();
        baseobject::ready_type()?;
        unicodeobject::ready_type()?;
        dictobject::ready_type()?;
        tupleobject::ready_type()?;
        listobject::ready_type()?;
        longobject::ready_type()?;
        boolobject::ready_type()?;
        floatobject::ready_type()?;
        complexobject::ready_type()?;
        bytesobject::ready_type()?;
        bytearrayobject::ready_type()?;
        memoryobject::ready_types()?;
        noneobject::ready_types()?;
        descrobject::ready_types()?;
        methodobject::ready_type()?;
        classobject::ready_type()?;
        instancemethod::ready_type()?;
        picklebufobject::ready_type()?;
        contextobject::ready_types()?;
        funcobject::ready_types()?;
        iterobject::ready_types()?;
        moduleobject::ready_type()?;
        exceptions::ready_types()?;
        propertyobject::ready_type()?;
        superobject::ready_type()?;
        cellobject::ready_type()?;
        codeobject::ready_type()?;
        capsule::ready_type()?;
        weakrefobject::ready_types()?;
        mappingproxy::ready_type()?;
        sliceobject::ready_types()?;
        functionobject::ready_type()?;
        frameobject::ready_type()?;
        traceback::ready_type()?;
        genobject::ready_types()?;
        setobject::ready_types()?;
        rangeobject::ready_types()?;
        enumobject::ready_types()?;
        zipobject::ready_type()?;
        mapobject::ready_type()?;
        filterobject::ready_type()?;
        genericaliasobject::ready_type()?;
        unionobject::ready_type()?;
        unicode_iter::ready_types()?;
        code_iters::ready_types()?;
        dict_views::ready_types()?;
        namespaceobject::ready_type()?;
    }
    // Safety: start-up, as above.
    unsafe {
        let b = crate::modules::builtins::init()?;
        crate::modules::sys::init(&b)?;
        // `__main__` exists from start-up, as CPython's add_main_module makes it.
        crate::pythonrun::main_module()?;
        if let Err(e) = crate::import::init_importlib() {
            eprintln!("Fatal Python error: init_importlib: the import system did not start");
            crate::pythonrun::handle_uncaught();
            return Err(e);
        }
    }
    FINALIZING.store(false, Ordering::Release);
    INITIALIZED.store(true, Ordering::Release);
    Ok(())
}

static FINALIZING: AtomicBool = AtomicBool::new(false);

/// `sys.is_finalizing()`: has shut-down begun?
pub fn is_finalizing() -> bool {
    FINALIZING.load(Ordering::Acquire)
}

/// Tears down what can be torn down. Immortal objects and static types stay.
pub fn finalize() {
    FINALIZING.store(true, Ordering::Release);
    INITIALIZED.store(false, Ordering::Release);
}

/// The builtin types by their `builtins` name (the exceptions included), for the builtins
/// module and for tests.
pub fn builtin_types() -> Vec<(&'static str, *mut crate::ffi::PyTypeObject)> {
    use crate::objects::*;
    let mut v: Vec<(&'static str, *mut crate::ffi::PyTypeObject)> = vec![
        ("object", baseobject::object_type()),
        ("type", typeobject::type_type()),
        ("int", longobject::long_type()),
        ("bool", &raw mut boolobject::PyBool_Type),
        ("float", floatobject::float_type()),
        ("complex", complexobject::complex_type()),
        ("str", unicodeobject::unicode_type()),
        ("bytes", bytesobject::bytes_type()),
        ("bytearray", bytearrayobject::bytearray_type()),
        ("memoryview", memoryobject::memoryview_type()),
        ("tuple", tupleobject::tuple_type()),
        ("list", listobject::list_type()),
        ("dict", dictobject::dict_type()),
        ("staticmethod", &raw mut funcobject::PyStaticMethod_Type),
        ("classmethod", &raw mut funcobject::PyClassMethod_Type),
        ("property", &raw mut propertyobject::PyProperty_Type),
        ("super", &raw mut superobject::PySuper_Type),
        ("slice", &raw mut sliceobject::PySlice_Type),
        ("set", setobject::set_type()),
        ("frozenset", setobject::frozenset_type()),
        ("range", rangeobject::range_type()),
        ("enumerate", &raw mut enumobject::PyEnum_Type),
        ("reversed", &raw mut enumobject::PyReversed_Type),
        ("zip", &raw mut zipobject::PyZip_Type),
        ("map", &raw mut mapobject::PyMap_Type),
        ("filter", &raw mut filterobject::PyFilter_Type),
    ];
    v.extend(exceptions::all_types());
    v
}
