#!/bin/sh
# Installs a built Ferric under PREFIX in CPython 3.11's layout, so that programs, build
# tools and pkg-config find it where they find a CPython:
#
#   PREFIX/bin/python3, python3.11       the executable (run path $ORIGIN/../lib)
#   PREFIX/lib/libpython3.11.so{,.1.0}   the library
#   PREFIX/lib/python3.11/               the host CPython's stdlib and lib-dynload (copied),
#                                        whose os.py is the landmark Ferric looks for
#   PREFIX/include/python3.11/           the host CPython's headers: extensions build
#                                        against CPython 3.11's ABI, which is Ferric's
#   PREFIX/bin/python3.11-config, PREFIX/lib/pkgconfig/python-3.11{,-embed}.pc
#
# usage: packaging/install.sh PREFIX [HOST_PYTHON]   (FERRIC_BUILD=target/debug for a debug build)
set -eu
PREFIX=${1:?usage: packaging/install.sh PREFIX [HOST_PYTHON]}
HOST=${2:-python3.11}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FERRIC_BUILD:-$ROOT/target/release}
[ -x "$BUILD/python3" ] || { echo "no build in $BUILD: run cargo build --release first" >&2; exit 1; }
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)
stdlib=$(env -u LD_LIBRARY_PATH "$HOST" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
include=$(env -u LD_LIBRARY_PATH "$HOST" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')

mkdir -p "$PREFIX/bin" "$PREFIX/lib/pkgconfig" "$PREFIX/include"
cp "$BUILD/python3" "$PREFIX/bin/python3.11"
ln -sf python3.11 "$PREFIX/bin/python3"
cp "$BUILD/libpython3_11.so" "$PREFIX/lib/libpython3.11.so.1.0"
ln -sf libpython3.11.so.1.0 "$PREFIX/lib/libpython3.11.so"

# The stdlib, without the host's installed packages and caches.
rm -rf "$PREFIX/lib/python3.11"
mkdir -p "$PREFIX/lib/python3.11/site-packages"
(cd "$stdlib" && tar cf - --exclude=./site-packages --exclude=__pycache__ .) | (cd "$PREFIX/lib/python3.11" && tar xf -)
rm -rf "$PREFIX/include/python3.11"
cp -R "$include" "$PREFIX/include/python3.11"

sed -e "s|@PREFIX@|$PREFIX|g" "$ROOT/packaging/python3.11-config.in" > "$PREFIX/bin/python3.11-config"
chmod +x "$PREFIX/bin/python3.11-config"
ln -sf python3.11-config "$PREFIX/bin/python3-config"
for pc in python-3.11 python-3.11-embed; do
    sed -e "s|@PREFIX@|$PREFIX|g" "$ROOT/packaging/$pc.pc.in" > "$PREFIX/lib/pkgconfig/$pc.pc"
done
ln -sf python-3.11.pc "$PREFIX/lib/pkgconfig/python3.pc"
ln -sf python-3.11-embed.pc "$PREFIX/lib/pkgconfig/python3-embed.pc"
echo "Ferric installed in $PREFIX"
