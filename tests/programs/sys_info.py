# sys's struct sequences, implementation and other data attributes.
import sys


def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


for name in ["flags", "version_info", "float_info", "int_info", "hash_info", "thread_info"]:
    v = getattr(sys, name)
    t = type(v)
    print(name, t.__name__, t.__module__, t.__qualname__, len(v), t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)
    print(" ", isinstance(v, tuple), t.__bases__, t.__match_args__ == tuple(t.__match_args__))
    attempt(t)
    attempt(lambda: v[100])
    attempt(setattr, v, t.__match_args__[0], 1)
    print(" ", v == tuple(v), v[0] == getattr(v, t.__match_args__[0]), v[-1] == getattr(v, t.__match_args__[-1]))
    print(" ", type(v.__reduce__()[0]) is type, len(v.__reduce__()[1][0]))

print(repr(sys.version_info))
print(sys.version_info[:2], sys.version_info >= (3, 11), sys.version_info.major, sys.version_info.releaselevel)
major, minor, *rest = sys.version_info
print(major, minor, rest)
print(repr(sys.float_info))
print(repr(sys.int_info))
print(repr(sys.hash_info))
print(sys.thread_info.name, sys.thread_info.lock, type(sys.thread_info.version).__name__)
f = sys.flags
print(f.debug, f.inspect, f.interactive, f.optimize, f.no_site, f.ignore_environment, f.verbose, f.bytes_warning, f.quiet, f.isolated)
print(type(f.dev_mode).__name__, type(f.safe_path).__name__, f.int_max_str_digits, f.warn_default_encoding)
print(f.dont_write_bytecode == sys.dont_write_bytecode, f.hash_randomization in (0, 1))
print(type(sys.float_info)((1,) * 11))
attempt(type(sys.float_info), (1,) * 10)
attempt(type(sys.int_info), 5)

impl = sys.implementation
print(type(impl).__name__, type(impl).__module__, impl.name, impl.cache_tag.endswith("-311"), impl.version == sys.version_info)
print(repr(impl.version), impl.hexversion == sys.hexversion, impl._multiarch)
ns_type = type(impl)
ns = ns_type(a=1, b="two")
print(ns, ns == ns_type(a=1, b="two"), ns != ns_type(a=1), ns.a, ns.__dict__)
ns.c = [ns]
print(repr(ns))
del ns.a
print(ns, ns.__reduce__()[0] is ns_type, ns.__reduce__()[1], sorted(ns.__reduce__()[2]))
attempt(ns_type, 1)
attempt(ns_type, **{"": 1})
attempt(hash, ns)
attempt(getattr, ns, "zz")


class Sub(ns_type):
    pass


print(Sub(x=1), Sub(x=1) == ns_type(x=1), ns_type.__init__(ns, z=3), ns.z)

print(sys.float_repr_style, sys.copyright.splitlines()[0][:13])
print(type(sys.prefix).__name__, sys.prefix == sys.base_prefix, sys.exec_prefix == sys.base_exec_prefix)
names = sys.stdlib_module_names
print(type(names).__name__, len(names), "os" in names, "sys" in names, "numpy" in names, "_io" in names, "antigravity" in names)
print(sorted(names)[:5], sorted(names)[-3:])
print(sys.is_finalizing())

# the int/str conversion limit
print(sys.get_int_max_str_digits())
for arg in [100, 640, -1, "a"]:
    attempt(sys.set_int_max_str_digits, arg)
attempt(sys.set_int_max_str_digits)
attempt(sys.set_int_max_str_digits, maxdigits=641)
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)
attempt(str, 10 ** 700)
attempt(int, "1" * 700)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)), len(str(int("7" * 5000))))
sys.set_int_max_str_digits(4300)
attempt(str, 10 ** 5000)
