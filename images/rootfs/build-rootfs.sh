#!/bin/bash
# Builds the jmoo guest root filesystem from Debian's busybox-static:i386: an ext2 image (for
# /dev/ubda) and a gzip'ed initramfs with the same tree.
#
# usage: images/rootfs/build-rootfs.sh [BUILD_DIR]     (default: images/build/rootfs, git-ignored)
#   env ROOTFS_SIZE=12M (ext2 size)
#
# The busybox binary comes from the installed busybox-static:i386 package, or from
# `apt-get download busybox-static:i386` + `dpkg-deb -x` when it is not installed. Its applet
# list is read from the binary's applet name table (this host need not run i386 programs).
# The guest side behaviour (init, banner, autotest hook) is in images/rootfs/skel/.
#
# Outputs in BUILD_DIR/out/: rootfs.ext2, rootfs.ext2.gz, initramfs.cpio.gz, BUILD-INFO.txt.
# Output is reproducible: fixed timestamps, sorted cpio, fixed ext2 UUID and hash seed.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
IMAGES=$(dirname "$HERE")
BUILD=${1:-$IMAGES/build/rootfs}
SIZE=${ROOTFS_SIZE:-12M}
PKG=busybox-static:i386
# fixed time for every file and for mke2fs, so rebuilding gives the same bytes
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH
UUID=6a6d6f6f-0000-4000-8000-000000000001

die() { echo "build-rootfs: $*" >&2; exit 1; }
if [ "$(id -u)" != 0 ]; then
    command -v fakeroot >/dev/null || die "needs root or fakeroot (device nodes, file owners)"
    exec fakeroot -- "$0" "$@"
fi

mkdir -p "$BUILD/out"
BUILD=$(cd "$BUILD" && pwd)
OUT=$BUILD/out
TREE=$BUILD/tree

# Prints the path of an i386 busybox binary and sets BB_VERSION.
find_busybox() {
    if BB_VERSION=$(dpkg-query -W -f '${Version}' "$PKG" 2>/dev/null) && [ -n "$BB_VERSION" ]; then
        BB_BINARY=$(dpkg -L "$PKG" | grep -x '/bin/busybox\|/usr/bin/busybox' | head -n1)
    else
        mkdir -p "$BUILD/deb" && rm -rf "$BUILD/deb/"*
        (cd "$BUILD/deb" && apt-get download "$PKG") || die "cannot download $PKG"
        local deb; deb=$(ls "$BUILD"/deb/*.deb)
        BB_VERSION=$(dpkg-deb -f "$deb" Version)
        dpkg-deb -x "$deb" "$BUILD/deb/x"
        BB_BINARY=$BUILD/deb/x/bin/busybox
    fi
    [ -f "$BB_BINARY" ] || die "no busybox binary in $PKG"
    file -b "$BB_BINARY" | grep -q 'ELF 32-bit LSB executable, Intel 80386' ||
        die "$BB_BINARY is not an i386 ELF executable"
}

# busybox keeps its applet names as one sorted run of NUL-terminated strings starting with
# "[" and "[[", ended by an empty string. Reads it out of the binary.
list_applets() {
    python3 - "$1" <<'EOF'
import re, sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'[\0[[\0')
if start < 0:
    sys.exit('no applet name table ("[", "[[", ...) in ' + sys.argv[1])
end = data.index(b'\0\0', start)
names = [n.decode('ascii') for n in data[start:end].split(b'\0')]
if names != sorted(names) or not all(re.fullmatch(r'[][a-z0-9_.-]+', n) for n in names):
    sys.exit('applet name table in %s is not a sorted list of names' % sys.argv[1])
for n in names:
    print(n)
EOF
}

make_tree() {
    rm -rf "$TREE"
    mkdir -p "$TREE"/{bin,sbin,dev,proc,sys,tmp,root,mnt,etc,usr}
    chmod 1777 "$TREE/tmp"
    chmod 700 "$TREE/root"
    ln -s ../bin "$TREE/usr/bin"
    ln -s ../bin "$TREE/usr/sbin"
    install -m 755 "$BB_BINARY" "$TREE/bin/busybox"
    list_applets "$BB_BINARY" > "$BUILD/applets.txt"
    local a
    while read -r a; do
        [ "$a" = busybox ] || ln -s busybox "$TREE/bin/$a"
    done < "$BUILD/applets.txt"
    grep -qx init "$BUILD/applets.txt" || die "this busybox has no init applet"
    ln -s ../bin/busybox "$TREE/sbin/init"
    ln -s sbin/init "$TREE/init"             # initramfs entry point (rdinit=/init)
    cp -a "$HERE/skel/." "$TREE/"
    mknod -m 600 "$TREE/dev/console" c 5 1   # opened by the kernel before devtmpfs is mounted
    mknod -m 666 "$TREE/dev/null" c 1 3
    echo "$BB_VERSION" > "$TREE/etc/busybox-version"
    chown -R 0:0 "$TREE"
    find "$TREE" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

make_ext2() {
    rm -f "$OUT/rootfs.ext2"
    truncate -s "$SIZE" "$OUT/rootfs.ext2"   # (mke2fs says "Creating regular file" otherwise)
    mke2fs -q -F -t ext2 -L jmoo-root -U "$UUID" -E hash_seed=$UUID,root_owner=0:0 -m 0 \
        -d "$TREE" "$OUT/rootfs.ext2" "$SIZE"
    # mke2fs -d keeps mtimes but stamps ctime with the clock: pin it for reproducible images
    (cd "$TREE" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\.||' |
        while read -r path; do echo "set_inode_field $path ctime @$SOURCE_DATE_EPOCH"; done
        echo "set_inode_field / ctime @$SOURCE_DATE_EPOCH") > "$BUILD/pin-ctime.debugfs"
    debugfs -w -f "$BUILD/pin-ctime.debugfs" "$OUT/rootfs.ext2" >/dev/null 2>&1 ||
        die "debugfs could not pin the inode times of $OUT/rootfs.ext2"
    e2fsck -fn "$OUT/rootfs.ext2" >/dev/null 2>&1 || die "e2fsck finds $OUT/rootfs.ext2 inconsistent"
    gzip -9 -n -c "$OUT/rootfs.ext2" > "$OUT/rootfs.ext2.gz"
}

make_initramfs() {
    (cd "$TREE" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 --reproducible) \
        | gzip -9 -n > "$OUT/initramfs.cpio.gz"
}

find_busybox
make_tree
make_ext2
make_initramfs
{
    echo "busybox: $PKG $BB_VERSION ($BB_BINARY, sha256 $(sha256sum < "$BB_BINARY" | cut -d' ' -f1))"
    echo "applets: $(wc -l < "$BUILD/applets.txt")"
    echo "ext2: $SIZE, label jmoo-root, uuid $UUID"
} > "$OUT/BUILD-INFO.txt"
cat "$OUT/BUILD-INFO.txt"
ls -l "$OUT"
