//! The `python3` command line (CPython's Modules/main.c): what to run, `sys.argv`, and the
//! exit status: a script (source or `.pyc`), `-c`, `-m` (through `runpy`), and the prompt.

use crate::err;
use crate::objects::{listobject as list, unicodeobject as str_};

/// Runs the command line `args` (argv[0] included) and returns the process exit status.
pub unsafe fn run(args: &[String]) -> i32 {
    if let Some(argv0) = args.first() {
        crate::pathconfig::set_program_name(argv0);
    }
    let rest = &args[1.min(args.len())..];
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        match a {
            "-V" | "--version" => {
                println!("Python {}", crate::interp::PY_VERSION);
                return 0;
            }
            "-c" => {
                let Some(command) = rest.get(i + 1) else {
                    eprintln!("Argument expected for the -c option");
                    return 2;
                };
                return run_main(|| {
                    let mut argv = vec!["-c".to_string()];
                    argv.extend_from_slice(&rest[i + 2..]);
                    set_argv(&argv);
                    set_path0_str("");
                    crate::pythonrun::run_command(command)
                });
            }
            "-m" => {
                let Some(module) = rest.get(i + 1) else {
                    eprintln!("Argument expected for the -m option");
                    return 2;
                };
                return run_main(|| {
                    // As CPython: argv[0] is "-m" until runpy puts the module's path there.
                    let mut argv = vec!["-m".to_string()];
                    argv.extend_from_slice(&rest[i + 2..]);
                    set_argv(&argv);
                    let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
                    set_path0_str(&cwd);
                    run_module(module)
                });
            }
            // Flags that only `sys.flags` shows yet.
            _ if crate::modules::sys_info::is_flag_cluster(a) => crate::modules::sys_info::note_flags(a),
            "-X" => {
                i += 1;
                if let Some(x) = rest.get(i) {
                    crate::modules::sys_info::note_xoption(x);
                }
            }
            "-W" => {
                i += 1;
                if let Some(w) = rest.get(i) {
                    crate::modules::sys_info::note_warn_option(w);
                }
            }
            _ if a.starts_with("-W") && a.len() > 2 => crate::modules::sys_info::note_warn_option(&a[2..]),
            _ if a.starts_with('-') && a.len() > 1 => {
                eprintln!("Unknown option: {a}");
                return 2;
            }
            _ => break,
        }
        i += 1;
    }
    let Some(script) = rest.get(i) else {
        // No script: the prompt on a terminal (or with -i), else stdin read as a file.
        let tty = libc::isatty(0) == 1;
        return run_main(|| {
            set_argv(&[String::new()]);
            set_path0_str("");
            if tty || crate::modules::sys_info::inspect() {
                let status = crate::interactive::run(true);
                if status != 0 {
                    // Carried out as SystemExit(status), which run_main turns back into it.
                    let code = crate::objects::longobject::from_i64(status as i64);
                    let args = crate::objects::tupleobject::pack(&[code.as_ptr()])?;
                    let e = crate::protocol::call::call(crate::exc::system_exit(), args.as_ptr(), std::ptr::null_mut())?;
                    return Err(crate::err::set_object(crate::exc::system_exit(), e.as_ptr()));
                }
                return Ok(crate::object::Obj::from_borrowed(crate::objects::noneobject::none()));
            }
            let mut source = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut source);
            let m = crate::pythonrun::main_module()?;
            let d = crate::objects::moduleobject::get_dict(m.as_ptr());
            crate::pythonrun::run_source(&source, "<stdin>", ferric_compiler::error::Mode::Exec, d, d, 0)
        });
    };
    if !std::path::Path::new(script).exists() {
        let exe = args.first().map(|s| s.as_str()).unwrap_or("python3");
        let abs = std::env::current_dir().map(|d| d.join(script).display().to_string()).unwrap_or_else(|_| script.clone());
        eprintln!("{exe}: can't open file '{abs}': [Errno 2] No such file or directory");
        return 2;
    }
    run_main(|| {
        set_argv(&rest[i..]);
        set_path0(script);
        if crate::pythonrun::is_pyc_file(script) {
            crate::pythonrun::run_pyc_file(script)
        } else {
            crate::pythonrun::run_source_file(script)
        }
    })
}

/// `python3 -m module`: `runpy._run_module_as_main(module)`, as CPython's pymain_run_module.
unsafe fn run_module(module: &str) -> crate::err::PyResult<crate::object::Obj> {
    let runpy = crate::import::import_module("runpy")?;
    let run = crate::protocol::object::getattr_str(runpy.as_ptr(), "_run_module_as_main")?;
    let name = str_::from_str(module)?;
    let alter_argv = crate::objects::boolobject::new_bool(true);
    crate::protocol::call::vectorcall(run.as_ptr(), &[name.as_ptr(), alter_argv], std::ptr::null_mut())
}

/// Starts the runtime, runs `body` as the main program, reports how it ended and shuts
/// down; returns the exit status.
unsafe fn run_main(body: impl FnOnce() -> crate::err::PyResult<crate::object::Obj>) -> i32 {
    if crate::lifecycle::initialize().is_err() {
        eprintln!("Fatal Python error: can't initialize the runtime");
        return 1;
    }
    let status = match body() {
        Ok(_) => 0,
        Err(_) => crate::pythonrun::handle_uncaught(),
    };
    crate::pythonrun::flush_std_streams();
    // Until shut-down clears the modules, files left open are closed here, as CPython's
    // teardown closes them (their buffers are written out).
    crate::modules::io_iobase::close_live_files();
    crate::pythonrun::flush_std_streams();
    crate::lifecycle::finalize();
    if crate::pythonrun::UNHANDLED_KEYBOARD_INTERRUPT.load(std::sync::atomic::Ordering::Relaxed) {
        return crate::pythonrun::exit_sigint();
    }
    status
}

/// `sys.path[0]` is the script's directory, as CPython sets it.
unsafe fn set_path0(script: &str) {
    let dir = std::path::Path::new(script).parent().map(|p| p.display().to_string()).unwrap_or_default();
    let dir = if dir.is_empty() { String::new() } else { std::fs::canonicalize(&dir).map(|p| p.display().to_string()).unwrap_or(dir) };
    set_path0_str(&dir)
}

unsafe fn set_path0_str(dir: &str) {
    let Some(path) = crate::pythonrun::sys_attr("path") else { return };
    if !list::check(path) {
        return;
    }
    match str_::from_str(dir) {
        Ok(d) => {
            if list::insert(path, 0, d.as_ptr()).is_err() {
                err::clear();
            }
        }
        Err(_) => err::clear(),
    }
}

/// `sys.argv`: the script and its arguments.
unsafe fn set_argv(argv: &[String]) {
    let Ok(l) = list::new(0) else { return err::clear() };
    for a in argv {
        match str_::from_str(a) {
            Ok(s) => {
                if list::append(l.as_ptr(), s.as_ptr()).is_err() {
                    err::clear();
                }
            }
            Err(_) => err::clear(),
        }
    }
    let d = crate::interp::sysdict();
    if !d.is_null() && crate::objects::dictobject::set_item_str(d, "argv", l.as_ptr()).is_err() {
        err::clear();
    }
}
