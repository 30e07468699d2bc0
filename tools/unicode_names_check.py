"""`\\N{...}` escapes against python3.11: every name alias (NameAliases.txt, as
unicodedata.lookup resolves them: controls, abbreviations, corrections, figments), named
sequences (which a string escape rejects), some plain names and case variants, each as
`"\\N{name}"` parsed by python3.11 and by `ferric-compile ast`, compared on the value or the
error.

    python3.11 tools/unicode_names_check.py FERRIC_COMPILE

Candidate names come from Perl's Unicode 14.0.0 table when the host has it, else from the
list in tools/gen_unicode_names.py.
"""
import ast
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PERL_NAMES = "/usr/share/perl/5.36.0/unicore/Name.pl"


def candidates():
    names = []
    with open(os.path.join(HERE, "gen_unicode_names.py"), encoding="utf-8") as f:
        text = f.read()
    listed = re.search(r'ALIASES = """(.*?)"""', text, re.S).group(1)
    names += [n.strip() for n in listed.replace("\n", "").split(";") if n.strip()]
    if os.path.exists(PERL_NAMES):
        with open(PERL_NAMES, encoding="utf-8") as f:
            body = f.read().split("return <<'END';\n", 1)[1].split("\nEND\n", 1)[0]
        for record in body.split("\n\n"):
            lines = record.strip().split("\n")
            if len(lines) == 2:
                names.append(lines[1])
    out = []
    for n in dict.fromkeys(names):
        try:
            ch = unicodedata.lookup(n)
        except KeyError:
            continue
        # aliases and named sequences (plain names are covered by the sample below)
        if len(ch) != 1 or unicodedata.name(ch, None) != n:
            out.append(n)
    out += ["LATIN SMALL LETTER A", "latin small letter a", "Latin Capital Letter Gha", "nbsp",
            "CJK UNIFIED IDEOGRAPH-4E00", "HANGUL SYLLABLE GAG", "NO SUCH NAME", "SPACE "]
    return out


def oracle(src):
    try:
        return repr(ast.parse(src).body[0].value.value)
    except SyntaxError as e:
        return "%s: %s" % (type(e).__name__, e.msg)


def main():
    tool = sys.argv[1]
    names = candidates()
    srcs = ['x = "\\N{%s}"\n' % n for n in names]
    req = "".join(json.dumps({"source": s}) + "\n" for s in srcs)
    proc = subprocess.run([tool, "ast"], input=req, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    bad = 0
    for n, s, a in zip(names, srcs, answers):
        want = oracle(s)
        j = json.loads(a) if a.strip() else {"error": {"type": "no answer", "msg": ""}}
        if "error" in j:
            got = "%s: %s" % (j["error"]["type"], j["error"]["msg"])
        else:
            v = j["body"][0]["value"]["value"]
            got = repr(v.get("v") if isinstance(v, dict) else v)
        if got != want:
            bad += 1
            if bad <= 20:
                print("--- %r\n    python3.11: %s\n    ferric:     %s" % (n, want, got))
    print("%d names, %d same" % (len(names), len(names) - bad))
    sys.exit(1 if bad or proc.returncode else 0)


if __name__ == "__main__":
    main()
