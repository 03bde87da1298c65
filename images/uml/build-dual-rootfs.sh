#!/usr/bin/env bash
# Makes a root filesystem that both the jmoo guest (i386) and Debian's linux.uml (x86-64) boot:
# a copy of the shipped i386 ext2 (images/rootfs.ext2.gz, decompressed) with a static x86-64
# busybox (see fetch-busybox.sh) and ./dual-init added under /uml with debugfs (no root needed).
# jmoo boots it as usual (the i386 /bin, /etc/inittab); UML boots it with init=/uml/init.
#
#   images/uml/build-dual-rootfs.sh SHIPPED.ext2 OUT.img
#
# Boot it under UML, through a COW, with e.g.
#   linux.uml ubd0=root.cow,OUT.img root=/dev/ubda rw mem=64M con=null con0=fd:0,fd:1 \
#       init=/uml/init jmoo_script=$(printf 'echo hi > /hi' | base64 -w0) </dev/null
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
in="${1:?usage: build-dual-rootfs.sh SHIPPED.ext2 OUT.img}"
out="${2:?usage: build-dual-rootfs.sh SHIPPED.ext2 OUT.img}"
debugfs="$(command -v debugfs || echo /sbin/debugfs)"
[ -x "$debugfs" ] || { echo "build-dual-rootfs: debugfs not found (install e2fsprogs)" >&2; exit 1; }

busybox="$("$here/fetch-busybox.sh")"
rm -f "$out.tmp"
cp "$in" "$out.tmp"
chmod u+w "$out.tmp"
# debugfs reports command errors on stderr but exits 0: any output there is a failure.
"$debugfs" -w -f - "$out.tmp" >/dev/null 2>"$out.err" <<CMDS
mkdir /uml
mkdir /uml/run
cd /uml
write $busybox busybox
write $here/dual-init init
sif /uml/busybox mode 0100755
sif /uml/init mode 0100755
sif /uml/busybox uid 0
sif /uml/busybox gid 0
sif /uml/init uid 0
sif /uml/init gid 0
CMDS
if grep -v '^debugfs [0-9]' "$out.err" | grep -q .; then
  echo "build-dual-rootfs: debugfs failed on $out.tmp:" >&2; cat "$out.err" >&2; rm -f "$out.err"; exit 1
fi
rm -f "$out.err"
mv "$out.tmp" "$out"
