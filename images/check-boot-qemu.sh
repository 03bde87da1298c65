#!/bin/bash
# Boots the committed guest images under QEMU TCG (the reference PC of DESIGN.md section 3) with
# the built-in "autotest" script and checks the console: banner, uname, shell arithmetic, x87
# emulated floating point in awk, the CPU flags, then a clean power-off request.
#
# usage: images/check-boot-qemu.sh [BZIMAGE...]    (default: images/bzImage-lz4 images/bzImage-xz)
#   env INITRD=FILE (default images/initramfs.cpio.gz), TIMEOUT=seconds per boot (default 90)
# Exit status 0 when every kernel passes; prints one line per kernel with the time to banner.
# QEMU has no jmoo port block: the ubd driver reports its absence and the initramfs is the root.
set -euo pipefail

IMAGES=$(cd "$(dirname "$0")" && pwd)
INITRD=${INITRD:-$IMAGES/initramfs.cpio.gz}
TIMEOUT=${TIMEOUT:-90}
QEMU=${QEMU:-qemu-system-i386}
[ $# -gt 0 ] || set -- "$IMAGES/bzImage-lz4" "$IMAGES/bzImage-xz"
command -v "$QEMU" >/dev/null || { echo "check-boot-qemu: $QEMU is not installed" >&2; exit 2; }

WORK=$(mktemp -d)
QEMU_PID=
cleanup() {
    [ -z "$QEMU_PID" ] || kill "$QEMU_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts QEMU in the background, console to $1; the guest halts after its power-off request
# (QEMU's PC without ACPI cannot power off), so the caller stops it.
start_qemu() {
    local kernel=$1 log=$2
    "$QEMU" -M pc -cpu 486,-fpu,-pse,-vme,-hypervisor,+cmov -m 64 -nographic -no-reboot \
        -monitor none -serial "file:$log" -display none \
        -kernel "$kernel" -initrd "$INITRD" \
        -append "console=ttyS0 panic=-1 lpj=312500 autotest" </dev/null >/dev/null 2>&1 &
    QEMU_PID=$!
}

# Waits until the log shows the end of the run or QEMU exits; returns 1 on timeout.
wait_for_end() {
    local log=$1 deadline=$((SECONDS + TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        grep -q 'reboot: System halted\|reboot: Power down\|Kernel panic' "$log" 2>/dev/null && return 0
        kill -0 "$QEMU_PID" 2>/dev/null || return 0
        sleep 0.2
    done
    return 1
}

expect_line() {
    local log=$1 pattern=$2
    grep -qE "$pattern" "$log" || { echo "  missing: /$pattern/"; return 1; }
}

check_kernel() {
    local kernel=$1 log=$WORK/console-$(basename "$1").log ok=0 start=$SECONDS
    [ -f "$kernel" ] || { echo "FAIL $kernel: no such file"; return 1; }
    : > "$log"
    start_qemu "$kernel" "$log"
    wait_for_end "$log" || echo "  timed out after ${TIMEOUT}s"
    kill "$QEMU_PID" 2>/dev/null || true
    wait "$QEMU_PID" 2>/dev/null || true
    QEMU_PID=
    tr -d '\r' < "$log" > "$log.txt"
    for pattern in \
        '^jmoo: no port block at 0xf00' \
        '^=== jmoo guest: userspace up \(kernel 6\.1\.[0-9]+, uptime [0-9.]+s\) ===$' \
        '^autotest: hello from the guest$' \
        '^Linux jmoo 6\.1\.[0-9]+ #1 .* i486 GNU/Linux$' \
        '^autotest: 6\*7=42$' \
        '^autotest: awk 22/7=3\.142857 sqrt2=1\.414213562$' \
        '^fpu[[:space:]]+: no$' \
        '^flags[[:space:]]+: cmov cpuid$' \
        '^=== jmoo guest: /etc/autotest exited with status 0 ===$' \
        '^Requesting system poweroff$'; do
        expect_line "$log.txt" "$pattern" || ok=1
    done
    if grep -q 'Kernel panic' "$log.txt"; then echo "  kernel panic"; ok=1; fi
    local banner; banner=$(grep -o 'uptime [0-9.]*s' "$log.txt" | head -n1 || true)
    if [ $ok = 0 ]; then
        echo "PASS $(basename "$kernel"): guest $banner at the banner, $((SECONDS - start)) s wall"
    else
        echo "FAIL $(basename "$kernel"): console log follows"; sed 's/^/  | /' "$log.txt" | tail -n 40
    fi
    return $ok
}

status=0
for kernel in "$@"; do check_kernel "$kernel" || status=1; done
exit $status
