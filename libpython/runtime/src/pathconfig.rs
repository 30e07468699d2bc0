//! Where the stdlib is and what `sys.path` starts as: the POSIX part of CPython's
//! Modules/getpath.py. Computed once, at the first question, from the program name
//! (`argv[0]`), `PYTHONHOME`, `PYTHONPATH`, a `pyvenv.cfg` and the landmark
//! `lib/python3.11/os.py`; the prefix of the CPython found at build time is the fallback.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub struct PathConfig {
    pub executable: String,
    pub base_executable: String,
    pub prefix: String,
    pub exec_prefix: String,
    pub stdlib_dir: String,
    pub module_search_paths: Vec<String>,
}

static PROGRAM_NAME: Mutex<Option<String>> = Mutex::new(None);
static CONFIG: OnceLock<PathConfig> = OnceLock::new();

const LANDMARK: &str = "lib/python3.11/os.py";
const PLAT_LANDMARK: &str = "lib/python3.11/lib-dynload";

/// `argv[0]` of the command line, before the runtime starts (Py_SetProgramName's job).
pub fn set_program_name(name: &str) {
    if let Ok(mut p) = PROGRAM_NAME.lock() {
        *p = Some(name.to_owned());
    }
}

pub fn get() -> &'static PathConfig {
    CONFIG.get_or_init(compute)
}

/// A `PYTHON*` variable, unless -E or -I.
fn env(name: &str) -> Option<String> {
    crate::modules::sys_info::env_var(name).filter(|v| !v.is_empty())
}

/// The executable as the user named it: `argv[0]` made absolute (a bare name searched on
/// `PATH`), without resolving symbolic links, so a venv's `bin/python` stays itself.
fn executable() -> String {
    let name = PROGRAM_NAME.lock().ok().and_then(|p| p.clone()).unwrap_or_default();
    if name.contains('/') {
        return abspath(Path::new(&name));
    }
    if !name.is_empty() {
        if let Some(path) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&path) {
                let candidate = dir.join(&name);
                if is_executable_file(&candidate) {
                    return abspath(&candidate);
                }
            }
        }
    }
    std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default()
}

fn is_executable_file(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// `os.path.abspath`: joined to the working directory and normalised as text.
fn abspath(p: &Path) -> String {
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut parts: Vec<&str> = Vec::new();
    let text = joined.to_string_lossy().into_owned();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

fn dirname(p: &str) -> String {
    Path::new(p).parent().map(|d| d.display().to_string()).unwrap_or_default()
}

/// The `home` key of a `pyvenv.cfg` one level above the executable's directory, or in it.
fn venv_home(executable: &str) -> Option<String> {
    let exe_dir = dirname(executable);
    for dir in [dirname(&exe_dir), exe_dir] {
        let Ok(text) = std::fs::read_to_string(Path::new(&dir).join("pyvenv.cfg")) else { continue };
        for line in text.lines() {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim().eq_ignore_ascii_case("home") {
                    return Some(value.trim().to_owned());
                }
            }
        }
        return None;
    }
    None
}

/// `dir` or its parent, if it holds `landmark`: an installed layout (`PREFIX/bin/python3`).
/// Not further up, so a build tree does not take whatever stdlib `/lib` holds.
fn search_up(dir: &Path, landmark: &str) -> Option<String> {
    dir.ancestors().take(2).find(|d| d.join(landmark).exists()).map(|d| d.display().to_string())
}

fn build_prefix() -> String {
    option_env!("FERRIC_BUILD_PREFIX").unwrap_or("/usr/local").to_owned()
}

/// Ferric's own `Lib/`: beside the installed stdlib (`lib/ferric3.11`), else the source
/// tree's, for a build that runs where it was built.
fn ferric_lib(prefix: &str) -> Option<String> {
    let installed = Path::new(prefix).join("lib/ferric3.11");
    if installed.is_dir() {
        return Some(installed.display().to_string());
    }
    let tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Lib");
    tree.is_dir().then(|| abspath(&tree))
}

fn compute() -> PathConfig {
    let executable = executable();
    let real_executable = std::fs::canonicalize(&executable).map(|p| p.display().to_string()).unwrap_or_else(|_| executable.clone());
    let home = env("PYTHONHOME");
    let venv = if home.is_none() { venv_home(&executable) } else { None };
    let base_executable = match &venv {
        Some(_) if real_executable != executable => real_executable.clone(),
        Some(h) => Path::new(h).join(Path::new(&executable).file_name().unwrap_or_default()).display().to_string(),
        None => executable.clone(),
    };
    let (prefix, exec_prefix) = match &home {
        Some(h) => match h.split_once(':') {
            Some((p, e)) => (p.to_owned(), e.to_owned()),
            None => (h.clone(), h.clone()),
        },
        None => {
            // The landmark is looked for from where the binary really is (or a venv's home).
            let start = PathBuf::from(venv.clone().unwrap_or_else(|| dirname(&real_executable)));
            let prefix = search_up(&start, LANDMARK).unwrap_or_else(build_prefix);
            let exec_prefix = search_up(&start, PLAT_LANDMARK).unwrap_or_else(|| prefix.clone());
            (prefix, exec_prefix)
        }
    };
    let stdlib_dir = format!("{prefix}/lib/python3.11");
    let mut paths = Vec::new();
    if let Some(pp) = env("PYTHONPATH") {
        paths.extend(pp.split(':').filter(|p| !p.is_empty()).map(|p| abspath(Path::new(p))));
    }
    paths.extend(ferric_lib(&prefix));
    paths.push(format!("{prefix}/lib/python311.zip"));
    paths.push(stdlib_dir.clone());
    paths.push(format!("{exec_prefix}/lib/python3.11/lib-dynload"));
    PathConfig { executable, base_executable, prefix, exec_prefix, stdlib_dir, module_search_paths: paths }
}
