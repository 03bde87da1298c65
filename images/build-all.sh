#!/bin/bash
# Rebuilds the kernel and the root filesystem, installs the artifacts into images/ and rewrites
# images/SHA256SUMS. Then `images/check-boot-qemu.sh` checks that they boot.
#
# usage: images/build-all.sh [BUILD_DIR]    (default: images/build, git-ignored)
set -euo pipefail

IMAGES=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$IMAGES/build}

"$IMAGES/kernel/build-kernel.sh" "$BUILD/kernel"
"$IMAGES/rootfs/build-rootfs.sh" "$BUILD/rootfs"

K=$BUILD/kernel/out
R=$BUILD/rootfs/out
install -m 644 "$K/bzImage-lz4" "$K/bzImage-xz" "$IMAGES/"
install -m 644 "$K/config-lz4" "$IMAGES/kernel/config"
gzip -9 -n -c "$K/System.map" > "$IMAGES/System.map.gz"
install -m 644 "$R/rootfs.ext2.gz" "$R/initramfs.cpio.gz" "$IMAGES/"
cat "$K/BUILD-INFO.txt" "$R/BUILD-INFO.txt" > "$IMAGES/BUILD-INFO.txt"
(cd "$IMAGES" && sha256sum bzImage-lz4 bzImage-xz System.map.gz rootfs.ext2.gz \
    initramfs.cpio.gz > SHA256SUMS)
cat "$IMAGES/SHA256SUMS"
