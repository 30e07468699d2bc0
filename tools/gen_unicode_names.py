"""Generates libpython/compiler/src/unicode_names.bin, the character-name table for `\\N{...}`
escapes, from python3.11's unicodedata (run with python3.11).

Names of the form PREFIX-HEX (CJK UNIFIED IDEOGRAPH-4E00, TANGUT IDEOGRAPH-17000, ...) and
Hangul syllables are computed, not stored. The rest are stored as words: the blob is
  u32 number of words, then the words (each: length byte, bytes), sorted by frequency;
  u32 number of ranges, each: prefix length byte, prefix bytes, u32 first, u32 last;
  then entries in code point order: varint code point delta, word count byte, varint word indices.
"""
import collections
import os
import struct
import sys
import unicodedata

assert sys.version_info[:2] == (3, 11), "run with python3.11"

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "libpython", "compiler", "src", "unicode_names.bin")

entries = []
ranges = collections.OrderedDict()
for cp in range(0x110000):
    name = unicodedata.name(chr(cp), None)
    if name is None:
        continue
    if name.startswith("HANGUL SYLLABLE "):
        continue
    suffix = "-%04X" % cp
    if name.endswith(suffix) and len(name) > len(suffix):
        prefix = name[: -len(suffix) + 1]
        rs = ranges.setdefault(prefix, [])
        if rs and rs[-1][1] == cp - 1:
            rs[-1][1] = cp
        else:
            rs.append([cp, cp])
        continue
    entries.append((cp, name.split(" ")))

# name aliases (NameAliases.txt) that unicodedata resolves: the C0/C1 controls and common
# abbreviations; each is checked with unicodedata.lookup
ALIASES = """NULL;START OF HEADING;START OF TEXT;END OF TEXT;END OF TRANSMISSION;ENQUIRY;ACKNOWLEDGE;ALERT;BELL;
BACKSPACE;CHARACTER TABULATION;HORIZONTAL TABULATION;LINE FEED;NEW LINE;END OF LINE;LINE TABULATION;
VERTICAL TABULATION;FORM FEED;CARRIAGE RETURN;SHIFT OUT;LOCKING-SHIFT ONE;SHIFT IN;LOCKING-SHIFT ZERO;
DATA LINK ESCAPE;DEVICE CONTROL ONE;DEVICE CONTROL TWO;DEVICE CONTROL THREE;DEVICE CONTROL FOUR;
NEGATIVE ACKNOWLEDGE;SYNCHRONOUS IDLE;END OF TRANSMISSION BLOCK;CANCEL;END OF MEDIUM;SUBSTITUTE;ESCAPE;
INFORMATION SEPARATOR FOUR;FILE SEPARATOR;INFORMATION SEPARATOR THREE;GROUP SEPARATOR;
INFORMATION SEPARATOR TWO;RECORD SEPARATOR;INFORMATION SEPARATOR ONE;UNIT SEPARATOR;DELETE;
PADDING CHARACTER;HIGH OCTET PRESET;BREAK PERMITTED HERE;NO BREAK HERE;INDEX;NEXT LINE;
START OF SELECTED AREA;END OF SELECTED AREA;CHARACTER TABULATION SET;CHARACTER TABULATION WITH JUSTIFICATION;
LINE TABULATION SET;PARTIAL LINE FORWARD;PARTIAL LINE DOWN;PARTIAL LINE BACKWARD;PARTIAL LINE UP;
REVERSE LINE FEED;REVERSE INDEX;SINGLE SHIFT TWO;SINGLE-SHIFT-2;SINGLE SHIFT THREE;SINGLE-SHIFT-3;
DEVICE CONTROL STRING;PRIVATE USE ONE;PRIVATE USE-1;PRIVATE USE TWO;PRIVATE USE-2;SET TRANSMIT STATE;
CANCEL CHARACTER;MESSAGE WAITING;START OF GUARDED AREA;START OF PROTECTED AREA;END OF GUARDED AREA;
END OF PROTECTED AREA;START OF STRING;SINGLE GRAPHIC CHARACTER INTRODUCER;SINGLE CHARACTER INTRODUCER;
CONTROL SEQUENCE INTRODUCER;STRING TERMINATOR;OPERATING SYSTEM COMMAND;PRIVACY MESSAGE;
APPLICATION PROGRAM COMMAND;BYTE ORDER MARK;ZERO WIDTH NO-BREAK SPACE;
NUL;SOH;STX;ETX;EOT;ENQ;ACK;BEL;BS;HT;TAB;LF;VT;FF;CR;SO;SI;DLE;DC1;DC2;DC3;DC4;NAK;SYN;ETB;CAN;EOM;SUB;
ESC;FS;GS;RS;US;SP;DEL;PAD;HOP;BPH;NBH;IND;NEL;SSA;ESA;HTS;HTJ;VTS;PLD;PLU;RI;SS2;SS3;DCS;PU1;PU2;STS;
CCH;MW;SPA;EPA;SOS;SGC;SCI;CSI;ST;OSC;PM;APC;NBSP;SHY;CGJ;ALM;MVS;FVS1;FVS2;FVS3;FVS4;ZWSP;ZWNJ;ZWJ;
LRM;RLM;LRE;RLE;PDF;LRO;RLO;WJ;LRI;RLI;FSI;PDI;BOM;ZWNBSP;VS1;VS2;VS3;VS4;VS5;VS6;VS7;VS8;VS9;VS10;
VS11;VS12;VS13;VS14;VS15;VS16;NNBSP;MMSP;LRM;
LATIN CAPITAL LETTER GHA;LATIN SMALL LETTER GHA;KANNADA LETTER LLLA;LAO LETTER FO FON;LAO LETTER FO FAY;
LAO LETTER RO;LAO LETTER LO;TIBETAN MARK BKA- SHOG GI MGO RGYAN;YI SYLLABLE ITERATION MARK;
PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET;BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS;
WEIERSTRASS ELLIPTIC FUNCTION;MICR ON US SYMBOL;MICR DASH SYMBOL;LEFTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE;
RIGHTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE;HANGUL JONGSEONG YESIEUNG-KIYEOK"""
# Every other alias of NameAliases.txt: candidate names from Perl's table of the same
# Unicode version (14.0.0), where present, each again kept only if unicodedata.lookup
# resolves it to one character whose name it is not (named sequences resolve to several).
PERL_NAMES = "/usr/share/perl/5.36.0/unicore/Name.pl"
candidates = ALIASES.replace("\n", "").split(";")
if os.path.exists(PERL_NAMES):
    with open(PERL_NAMES, encoding="utf-8") as f:
        body = f.read().split("return <<'END';\n", 1)[1].split("\nEND\n", 1)[0]
    for record in body.split("\n\n"):
        lines = record.strip().split("\n")
        if len(lines) == 2 and " " not in lines[0]:
            candidates.append(lines[1])
have = set(cp for cp, _ in entries)
seen = set()
for alias in candidates:
    alias = alias.strip()
    if not alias or alias in seen:
        continue
    seen.add(alias)
    try:
        ch = unicodedata.lookup(alias)
    except KeyError:
        continue
    if len(ch) != 1:
        continue
    cp = ord(ch)
    if unicodedata.name(chr(cp), None) == alias:
        continue
    entries.append((cp, alias.split(" ")))
entries.sort(key=lambda e: e[0])

freq = collections.Counter(w for _, ws in entries for w in ws)
words = [w for w, _ in freq.most_common()]
index = {w: i for i, w in enumerate(words)}


def varint(n):
    b = bytearray()
    while True:
        if n < 0x80:
            b.append(n)
            return bytes(b)
        b.append(0x80 | (n & 0x7F))
        n >>= 7


blob = bytearray()
blob += struct.pack("<I", len(words))
for w in words:
    e = w.encode()
    blob.append(len(e))
    blob += e
flat = [(p, a, b) for p, rs in ranges.items() for a, b in rs]
blob += struct.pack("<I", len(flat))
for p, a, b in flat:
    e = p.encode()
    blob.append(len(e))
    blob += e
    blob += struct.pack("<II", a, b)
prev = 0
for cp, ws in entries:
    blob += varint(cp - prev)
    prev = cp
    blob.append(len(ws))
    for w in ws:
        blob += varint(index[w])
with open(out, "wb") as f:
    f.write(blob)
print("%d names, %d words, %d ranges, %d bytes" % (len(entries), len(words), len(flat), len(blob)))
