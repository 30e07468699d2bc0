"""The AST's JSON form on the python3.11 side (the Rust side is
libpython/compiler/src/ast/json.rs and json_gen.rs).

    to_json(node) -> JSON-able value    from_json(value) -> ast node
"""
import ast

CONSTANT_FIELDS = {("Constant", "value"), ("MatchSingleton", "value")}


def _float_hex(x):
    return float.hex(x)


def constant_to_json(v):
    if v is None:
        return {"_c": "None"}
    if v is Ellipsis:
        return {"_c": "Ellipsis"}
    if isinstance(v, bool):
        return {"_c": "bool", "v": v}
    if isinstance(v, int):
        return {"_c": "int", "v": str(v)}
    if isinstance(v, float):
        return {"_c": "float", "v": _float_hex(v)}
    if isinstance(v, complex):
        return {"_c": "complex", "re": _float_hex(v.real), "im": _float_hex(v.imag)}
    if isinstance(v, str):
        if any(0xD800 <= ord(c) < 0xE000 for c in v):
            return {"_c": "str", "cps": [ord(c) for c in v]}
        return {"_c": "str", "v": v}
    if isinstance(v, bytes):
        return {"_c": "bytes", "v": v.hex()}
    if isinstance(v, tuple):
        return {"_c": "tuple", "v": [constant_to_json(x) for x in v]}
    if isinstance(v, frozenset):
        return {"_c": "frozenset", "v": [constant_to_json(x) for x in v]}
    raise TypeError("unexpected constant %r" % (v,))


def _float(text):
    return float.fromhex(text) if text not in ("inf", "-inf", "nan") else float(text)


def constant_from_json(j):
    tag = j["_c"]
    if tag == "None":
        return None
    if tag == "Ellipsis":
        return Ellipsis
    if tag == "bool":
        return bool(j["v"])
    if tag == "int":
        return int(j["v"])
    if tag == "float":
        return _float(j["v"])
    if tag == "complex":
        return complex(_float(j["re"]), _float(j["im"]))
    if tag == "str":
        if "cps" in j:
            return "".join(map(chr, j["cps"]))
        return j["v"]
    if tag == "bytes":
        return bytes.fromhex(j["v"])
    if tag == "tuple":
        return tuple(constant_from_json(x) for x in j["v"])
    if tag == "frozenset":
        return frozenset(constant_from_json(x) for x in j["v"])
    raise ValueError("unknown constant kind %r" % tag)


def to_json(node):
    name = type(node).__name__
    out = {"_type": name}
    for field in node._fields + node._attributes:
        value = getattr(node, field, None)
        if (name, field) in CONSTANT_FIELDS:
            out[field] = constant_to_json(value)
        elif isinstance(value, ast.AST):
            out[field] = to_json(value)
        elif isinstance(value, list):
            out[field] = [to_json(v) if isinstance(v, ast.AST) else v for v in value]
        else:
            out[field] = value
    return out


def from_json(j):
    cls = getattr(ast, j["_type"])
    node = cls()
    for field in cls._fields + cls._attributes:
        if field not in j:
            continue
        value = j[field]
        if (j["_type"], field) in CONSTANT_FIELDS:
            value = constant_from_json(value)
        elif isinstance(value, dict):
            value = from_json(value)
        elif isinstance(value, list):
            value = [from_json(v) if isinstance(v, dict) else v for v in value]
        setattr(node, field, value)
    return node
