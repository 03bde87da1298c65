#!/usr/bin/env bash
# Prints the path of a static x86-64 busybox, fetching Debian's busybox-static (amd64) into a
# cache folder when none is at hand. Debian's linux.uml is an x86-64 kernel and cannot run the
# i386 busybox that the jmoo guest uses; the two arches of busybox-static cannot be co-installed,
# so the amd64 one is unpacked from its .deb instead of installed.
#
# Looks, in order, at: $JMOO_UML_BUSYBOX, /bin/busybox (if it is x86-64), the cache
# (${JMOO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jmoo}/busybox-amd64/bin/busybox); else
# downloads with `apt-get download busybox-static:amd64` and unpacks with `dpkg-deb -x`.
set -euo pipefail

# An ELF64 (byte 4 = 2) for x86-64 (e_machine 0x3e) that asks for no program interpreter.
is_x86_64_static() {
  [ -x "$1" ] || return 1
  [ "$(od -An -tx1 -j0 -N5 "$1" | tr -d ' \n')" = 7f454c4602 ] || return 1
  [ "$(od -An -tx1 -j18 -N2 "$1" | tr -d ' \n')" = 3e00 ] || return 1
  ! readelf -l "$1" 2>/dev/null | grep -q 'program interpreter'
}

if [ -n "${JMOO_UML_BUSYBOX:-}" ]; then
  is_x86_64_static "$JMOO_UML_BUSYBOX" || { echo "fetch-busybox: $JMOO_UML_BUSYBOX is not a static x86-64 executable" >&2; exit 1; }
  echo "$JMOO_UML_BUSYBOX"; exit 0
fi
if is_x86_64_static /bin/busybox; then
  echo /bin/busybox; exit 0
fi

cache="${JMOO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jmoo}/busybox-amd64"
if is_x86_64_static "$cache/bin/busybox"; then
  echo "$cache/bin/busybox"; exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download busybox-static:amd64 >/dev/null 2>"$work/apt.log"); then
  # A machine whose package index was never fetched knows no such package yet.
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; fi
  (cd "$work" && apt-get download busybox-static:amd64 >/dev/null 2>"$work/apt.log") || {
    echo "fetch-busybox: apt-get download busybox-static:amd64 failed:" >&2; cat "$work/apt.log" >&2; exit 1; }
fi
dpkg-deb -x "$work"/busybox-static_*_amd64.deb "$work/x"
mkdir -p "$cache/bin"
install -m 0755 "$work/x/bin/busybox" "$cache/bin/busybox.tmp"
mv "$cache/bin/busybox.tmp" "$cache/bin/busybox"
is_x86_64_static "$cache/bin/busybox" || { echo "fetch-busybox: the unpacked busybox is not x86-64" >&2; exit 1; }
echo "$cache/bin/busybox"
