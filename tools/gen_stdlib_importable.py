"""Writes tests/stdlib_importable.txt: the top-level stdlib modules python3.11 can import on
this machine (each tried in a fresh interpreter), one per line. Run with python3.11."""
import subprocess, sys, pathlib

names = sorted(n for n in sys.stdlib_module_names if not n.startswith('__'))
ok = []
for n in names:
    r = subprocess.run([sys.executable, '-c', f'import {n}'], capture_output=True, timeout=60)
    if r.returncode == 0:
        ok.append(n)
out = pathlib.Path(__file__).resolve().parent.parent / 'tests' / 'stdlib_importable.txt'
out.write_text(''.join(n + '\n' for n in ok))
print(f'{len(ok)} of {len(names)} importable; written to {out}')
