//! A mutation fuzzer for the tokenizer, parser and code generator (the machine's toolchain is
//! stable Rust, so `cargo fuzz`'s libFuzzer is out of reach). Seeds are `.py` files; each
//! round mutates one (byte edits, splices from another seed, deep nesting, truncation) and
//! parses and compiles it. A panic or an input that takes longer than `--limit-ms` is a
//! failure: the input is written to `--out` and the run ends with status 1. The input being
//! tried is kept in `<out>/current.py`, so an abort (stack overflow) leaves it behind too.
//!
//!     ferric-fuzz --seeds DIR [--seconds N] [--seed S] [--out DIR] [--limit-ms M]

#[global_allocator]
static GLOBAL: ferric_alloc::MiMalloc = ferric_alloc::MiMalloc;

use ferric_compiler::error::Mode;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fast and good enough to pick mutations.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "\t", "\\\n", "'", "\"", "'''", "f'{", "}'", "lambda", "yield",
    "await", "async ", "match x:\n case ", "*", "**", "=", ":=", "->", "@", ",", ";", "if", "else", "for", "in", "not",
    "is", "del", "global x", "nonlocal x", "return", "try:\n", "except*", "finally:", "with", "as", "class C:",
    "def f(", "/", "0x", "1_0", "1e", "j", "\u{fe0f}", "\u{0}", "\r", "#", "# -*- coding: latin-1 -*-\n", "\u{feff}",
    "  # type: int", "  # type: ignore[x]", "\n# type: () -> None\n", "(int) -> str", "\\N{NBSP}",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], base: &[u8]) -> Vec<u8> {
    let mut s = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(8) {
            0 if !s.is_empty() => {
                let i = rng.below(s.len());
                s[i] ^= 1 << rng.below(8);
            }
            1 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                s.splice(at..at, frag.iter().copied());
            }
            2 if !s.is_empty() => {
                let end = (at + rng.below(64)).min(s.len());
                s.drain(at.min(end)..end);
            }
            3 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + rng.below(256)).min(other.len());
                    s.splice(at..at, other[from..to].iter().copied());
                }
            }
            4 => {
                // Deep nesting: CPython's limits must answer, not the native stack.
                let depth = 1 + rng.below(20_000);
                let (open, close) = [("(", ")"), ("[", "]"), ("{", "}"), ("-", ""), ("not ", ""), ("lambda:", ""), ("f'{", "}'")][rng.below(7)];
                let mut nested = open.repeat(depth).into_bytes();
                nested.extend_from_slice(b"x");
                nested.extend_from_slice(close.repeat(depth).as_bytes());
                s.splice(at..at, nested);
            }
            5 => s.truncate(at),
            6 => {
                let depth = 1 + rng.below(200);
                let block: Vec<u8> = (0..depth).flat_map(|i| format!("{}if x:\n", " ".repeat(i)).into_bytes()).collect();
                s.splice(at..at, block);
            }
            _ => {
                let b = rng.next() as u8;
                s.insert(at, b);
            }
        }
    }
    s
}

/// Parses and, when that succeeds, compiles `source` in each mode.
fn exercise(source: &[u8]) {
    for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
        let flags = ferric_compiler::Flags::default();
        if let Ok((module, _)) = ferric_compiler::parse_source(source, "<fuzz>", mode, &flags) {
            let _ = ferric_compiler::compile_tree(&module, "<fuzz>", mode, &flags);
        }
    }
    // with type comments, and as a function type
    let flags = ferric_compiler::Flags { cf_flags: ferric_compiler::driver::PY_CF_TYPE_COMMENTS, ..Default::default() };
    if let Ok((module, _)) = ferric_compiler::parse_source(source, "<fuzz>", Mode::Exec, &flags) {
        let _ = ferric_compiler::compile_tree(&module, "<fuzz>", Mode::Exec, &flags);
    }
    let _ = ferric_compiler::parse_source(source, "<fuzz>", Mode::FuncType, &flags);
}

fn collect_seeds(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() && !p.ends_with("site-packages") {
            collect_seeds(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            if let Ok(b) = std::fs::read(&p) {
                if b.len() < 200_000 {
                    out.push(b);
                }
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let seeds_dir = opt("--seeds").expect("--seeds DIR (the host stdlib, for example)");
    let seconds: u64 = opt("--seconds").and_then(|s| s.parse().ok()).unwrap_or(60);
    let limit = Duration::from_millis(opt("--limit-ms").and_then(|s| s.parse().ok()).unwrap_or(10_000));
    let out = PathBuf::from(opt("--out").unwrap_or_else(|| "fuzz-out".into()));
    let seed: u64 = opt("--seed").and_then(|s| s.parse().ok()).unwrap_or(0x5eed);
    std::fs::create_dir_all(&out).expect("create --out");
    let mut seeds = Vec::new();
    collect_seeds(Path::new(&seeds_dir), &mut seeds);
    assert!(!seeds.is_empty(), "no .py seeds under {seeds_dir}");
    eprintln!("{} seeds", seeds.len());
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let mut rounds = 0u64;
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<bool>();
    // The worker runs on a large stack; the main thread watches the clock.
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            for input in rx {
                let ok = std::panic::catch_unwind(|| exercise(&input)).is_ok();
                if done_tx.send(ok).is_err() {
                    break;
                }
            }
        })
        .expect("spawn worker");
    while start.elapsed() < Duration::from_secs(seconds) {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, &seeds, base);
        std::fs::write(out.join("current.py"), &input).expect("write current input");
        tx.send(input.clone()).expect("worker alive");
        match done_rx.recv_timeout(limit) {
            Ok(true) => {}
            Ok(false) => {
                let path = out.join(format!("panic-{rounds}.py"));
                std::fs::write(&path, &input).expect("write artifact");
                eprintln!("panic on {} (after {rounds} rounds)", path.display());
                std::process::exit(1);
            }
            Err(_) => {
                let path = out.join(format!("slow-{rounds}.py"));
                std::fs::write(&path, &input).expect("write artifact");
                eprintln!("no answer within {limit:?}: {} (after {rounds} rounds)", path.display());
                std::process::exit(1);
            }
        }
        rounds += 1;
        if rounds % 1000 == 0 {
            eprintln!("{rounds} rounds, {:.0} s", start.elapsed().as_secs_f64());
        }
    }
    let _ = std::fs::remove_file(out.join("current.py"));
    println!("{rounds} inputs in {} s: no panic, no hang", start.elapsed().as_secs());
}
