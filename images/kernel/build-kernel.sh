#!/bin/bash
# Builds the jmoo guest kernel from Debian's linux-source-6.1 with the jmoo ubd driver in-tree.
#
# usage: images/kernel/build-kernel.sh [BUILD_DIR]     (default: images/build/kernel, git-ignored)
#   env JOBS=N (default: number of CPUs), NICE=N (default: 10)
#
# Steps: extract /usr/src/linux-source-6.1.tar.xz into BUILD_DIR (once per package version),
# copy images/ubd/jmoo_ubd.c + its Kconfig into drivers/block/ and hook them into the block
# Kconfig/Makefile, `make ARCH=i386 tinyconfig`, merge images/kernel/jmoo.frag plus one
# compression fragment, check that every symbol of the fragments survived olddefconfig, build.
# Every variant is built in the same tree: switching compression only re-runs the bzImage
# compression step, vmlinux stays the same.
#
# Outputs in BUILD_DIR/out/: bzImage-<compression> for each of $VARIANTS, vmlinux, System.map,
# config-<compression>, BUILD-INFO.txt (source package version, kernel version, compiler).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
IMAGES=$(dirname "$HERE")
BUILD=${1:-$IMAGES/build/kernel}
JOBS=${JOBS:-$(nproc)}
NICE=${NICE:-10}
VARIANTS=${VARIANTS:-"lz4 xz"}
TARBALL=/usr/src/linux-source-6.1.tar.xz
PKG=linux-source-6.1

die() { echo "build-kernel: $*" >&2; exit 1; }
[ -r "$TARBALL" ] || die "$TARBALL missing: apt-get install $PKG"
PKG_VERSION=$(dpkg-query -W -f '${Version}' "$PKG" 2>/dev/null) || die "package $PKG is not installed"

mkdir -p "$BUILD/out"
BUILD=$(cd "$BUILD" && pwd)
SRC=$BUILD/$PKG
OUT=$BUILD/out

extract_source() {
    local marker=$BUILD/.extracted-$PKG_VERSION
    if [ -f "$marker" ] && [ -d "$SRC" ]; then return; fi
    echo "build-kernel: extracting $TARBALL ($PKG $PKG_VERSION) into $BUILD"
    rm -rf "$SRC" "$BUILD"/.extracted-*
    nice -n "$NICE" tar -xJf "$TARBALL" -C "$BUILD"
    touch "$marker"
}

# Copies the driver in (only when changed, so make's timestamps stay meaningful) and adds the
# Kconfig source line and the Makefile object line once.
install_driver() {
    local blk=$SRC/drivers/block
    for f in jmoo_ubd.c Kconfig; do
        [ -f "$IMAGES/ubd/$f" ] || die "missing $IMAGES/ubd/$f"
    done
    cmp -s "$IMAGES/ubd/jmoo_ubd.c" "$blk/jmoo_ubd.c" || cp "$IMAGES/ubd/jmoo_ubd.c" "$blk/jmoo_ubd.c"
    cmp -s "$IMAGES/ubd/Kconfig" "$blk/Kconfig.jmoo" || cp "$IMAGES/ubd/Kconfig" "$blk/Kconfig.jmoo"
    if ! grep -q 'Kconfig.jmoo' "$blk/Kconfig"; then
        # insert before the closing "endif # BLK_DEV" so the option sits inside the block menu
        grep -q '^endif # BLK_DEV' "$blk/Kconfig" || die "$blk/Kconfig: no 'endif # BLK_DEV' line"
        sed -i 's|^endif # BLK_DEV|source "drivers/block/Kconfig.jmoo"\n\n&|' "$blk/Kconfig"
    fi
    grep -q 'jmoo_ubd.o' "$blk/Makefile" ||
        echo 'obj-$(CONFIG_BLK_DEV_JMOO_UBD) += jmoo_ubd.o' >> "$blk/Makefile"
}

# reproducible identity: `uname -v` shows "#1 <date>", not the build host's name and time
export KBUILD_BUILD_USER=jmoo KBUILD_BUILD_HOST=jmoo KBUILD_BUILD_VERSION=1
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-"Thu Jan  1 00:00:00 UTC 2026"}

kmake() { nice -n "$NICE" make -C "$SRC" ARCH=i386 -j"$JOBS" "$@"; }

# Fails when a symbol that a fragment asks for did not end up in .config (a typo, an unmet
# dependency): merge_config only warns about those.
check_config() {
    local frag line sym want
    for frag in "$@"; do
        while IFS= read -r line; do
            case "$line" in
                CONFIG_*=*) sym=${line%%=*}; want=$line ;;
                "# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}; want="" ;;
                *) continue ;;
            esac
            if [ -n "$want" ]; then
                grep -qxF "$want" "$SRC/.config" || die "$frag: $want did not survive olddefconfig"
            else
                ! grep -q "^$sym=" "$SRC/.config" || die "$frag: $sym is set but should not be"
            fi
        done < "$frag"
    done
}

configure() {
    local comp=$1 cfrag=$BUILD/compression-$1.frag
    printf 'CONFIG_KERNEL_%s=y\n' "${comp^^}" > "$cfrag"
    kmake -s tinyconfig >/dev/null
    (cd "$SRC" && ARCH=i386 scripts/kconfig/merge_config.sh -m .config "$HERE/jmoo.frag" "$cfrag" >/dev/null)
    kmake -s olddefconfig
    check_config "$HERE/jmoo.frag" "$cfrag"
}

build_variant() {
    local comp=$1 start end
    configure "$comp"
    start=$(date +%s)
    kmake bzImage
    end=$(date +%s)
    echo "build-kernel: $comp build step took $((end - start)) s"
    cp "$SRC/arch/x86/boot/bzImage" "$OUT/bzImage-$comp"
    cp "$SRC/.config" "$OUT/config-$comp"
}

extract_source
install_driver
for comp in $VARIANTS; do build_variant "$comp"; done
cp "$SRC/vmlinux" "$OUT/vmlinux"
cp "$SRC/System.map" "$OUT/System.map"
{
    echo "source package: $PKG $PKG_VERSION ($TARBALL)"
    echo "kernel version: $(make -s -C "$SRC" kernelversion)"
    echo "uname -r in the guest: $(cat "$SRC/include/config/kernel.release")"
    echo "compiler: $(gcc --version | head -n1)"
    echo "config fragment sha256: $(sha256sum < "$HERE/jmoo.frag" | cut -d' ' -f1)"
    echo "ubd driver sha256: $(sha256sum < "$IMAGES/ubd/jmoo_ubd.c" | cut -d' ' -f1)"
    echo "variants: $VARIANTS"
} > "$OUT/BUILD-INFO.txt"
cat "$OUT/BUILD-INFO.txt"
ls -l "$OUT"
