#!/usr/bin/env bash
# Builds the ext2 root filesystem that the UML interop tests boot with Debian's linux.uml:
# a static x86-64 busybox (see fetch-busybox.sh) and ./init, which runs a script passed on the
# kernel command line and powers off.
#
#   images/uml/build-rootfs.sh OUT.img [SIZE_MIB]      (default 16 MiB)
#
# Boot it headless, through a COW, with e.g.
#   linux.uml ubd0=root.cow,OUT.img root=/dev/ubda rw mem=64M con=null con0=fd:0,fd:1 \
#       init=/init jmoo_script=$(printf 'echo hi > /hi' | base64 -w0) </dev/null
# Keep images larger than 32 KiB: real UML hangs on a first write to a backing that small.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build-rootfs.sh OUT.img [SIZE_MIB]}"
size_mib="${2:-16}"
mke2fs="$(command -v mke2fs || echo /sbin/mke2fs)"
[ -x "$mke2fs" ] || { echo "build-rootfs: mke2fs not found (install e2fsprogs)" >&2; exit 1; }

busybox="$("$here/fetch-busybox.sh")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,proc,sys,dev,tmp,mnt,etc,root}
install -m 0755 "$busybox" "$stage/bin/busybox"
install -m 0755 "$here/init" "$stage/init"

rm -f "$out.tmp"
truncate -s "${size_mib}M" "$out.tmp"
"$mke2fs" -q -t ext2 -F -d "$stage" -E root_owner=0:0 "$out.tmp"
mv "$out.tmp" "$out"
