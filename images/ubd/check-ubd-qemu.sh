#!/bin/bash
# Tests the guest ubd driver without the Java emulator: QEMU runs the committed kernel, gdb
# attached to QEMU's gdbstub plays the jmoo port block (qemu-gdb/ubd_device.py, a second model
# of ABI.md) at every IN/OUT of the driver. Checks:
#   1. disk root: ext2 root on /dev/ubda, a script read from /dev/ubdb (jmoo.run=), a read-only
#      /dev/ubdc refusing writes; the guest writes a file, syncs, powers off; afterwards the image
#      is clean (e2fsck) and holds the file, and the device log shows the handshake and power-off;
#   2. panic: sysrq-c in the guest reaches the panic notifier (message) and panic_blink (end);
#   3. reboot: the reboot notifier's notice.
#
# usage: images/ubd/check-ubd-qemu.sh [KERNEL] [SYSTEM_MAP_GZ]   env TIMEOUT (default 300 s)
set -euo pipefail

UBD=$(cd "$(dirname "$0")" && pwd)
IMAGES=$(dirname "$UBD")
KERNEL=${1:-$IMAGES/bzImage-lz4}
MAP_GZ=${2:-$IMAGES/System.map.gz}
TIMEOUT=${TIMEOUT:-300}
for tool in qemu-system-i386 gdb e2fsck debugfs; do
    command -v "$tool" >/dev/null || { echo "check-ubd-qemu: $tool is not installed" >&2; exit 2; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gzip -dc "$MAP_GZ" > "$WORK/System.map"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A disk image holding a shell script, NUL-padded to whole sectors (read by jmoo.run=/dev/ubdX).
script_disk() {
    local out=$1
    cat > "$out"
    truncate -s 4096 "$out"
}

# run NAME CMDLINE DISKS: QEMU paused with a gdbstub, gdb playing the device; console and
# device logs in $WORK/NAME.console and $WORK/NAME.device.
run() {
    local name=$1 cmdline=$2 disks=$3 port qemu
    port=$(free_port)
    qemu-system-i386 -M pc -cpu 486,-fpu,-pse,-vme,-hypervisor,+cmov -m 64 -no-reboot \
        -display none -monitor none -serial "file:$WORK/$name.console" \
        -kernel "$KERNEL" -append "console=ttyS0 lpj=312500 $cmdline" \
        -gdb "tcp:127.0.0.1:$port" -S </dev/null >/dev/null 2>&1 &
    qemu=$!
    UBD_GDB_PORT=$port UBD_SYSTEM_MAP=$WORK/System.map UBD_DISKS=$disks UBD_LOG=$WORK/$name.device \
        timeout "$TIMEOUT" gdb -batch -nx -x "$UBD/qemu-gdb/ubd_device.py" >"$WORK/$name.gdb" 2>&1 || true
    kill "$qemu" 2>/dev/null || true
    wait "$qemu" 2>/dev/null || true
    tr -d '\r' < "$WORK/$name.console" > "$WORK/$name.txt"
}

failures=0
expect() {   # expect NAME FILE PATTERN
    if grep -qE "$3" "$WORK/$1.$2"; then return; fi
    echo "  $1: missing in $2: /$3/"
    failures=$((failures + 1))
}

show() {
    echo "--- $1 console (tail)"; tail -n 30 "$WORK/$1.txt"
    echo "--- $1 device log (tail)"; tail -n 15 "$WORK/$1.device"
    echo "--- $1 gdb (tail)"; tail -n 5 "$WORK/$1.gdb"
}

# 1. disk root
gzip -dc "$IMAGES/rootfs.ext2.gz" > "$WORK/root.ext2"
head -c 1048576 /dev/urandom > "$WORK/data.img"
cp "$WORK/data.img" "$WORK/data.orig"
script_disk "$WORK/script.img" <<'EOS'
echo "ubd-test: start"
grep ubd /proc/partitions
mount | grep ' / '
echo "written by the guest" > /root/guest-file
sync
dd if=/dev/zero of=/root/fsynced bs=512 count=4 conv=fsync 2>/dev/null && echo "ubd-test: fsync done"
dd if=/dev/ubdc of=/dev/null bs=4096 2>&1 | grep -o '^[0-9+]* records in' | head -n1 | sed 's/^/ubd-test: ubdc /'
if dd if=/dev/zero of=/dev/ubdc bs=512 count=1 conv=fsync 2>/dev/null; then echo "ubd-test: ubdc write accepted"; else echo "ubd-test: ubdc write refused"; fi
for i in $(seq 30); do [ -b /dev/ubdd ] && break; sleep 0.5; done
head -c 13 /dev/ubdd | sed 's/^/ubd-test: hot disk says /'; echo
echo written-to-hot-disk | dd of=/dev/ubdd bs=512 seek=64 conv=sync,fsync 2>/dev/null   # the model then removes it
for i in $(seq 30); do [ -b /dev/ubdd ] || break; sleep 0.5; done
[ -b /dev/ubdd ] || echo "ubd-test: hot disk gone"
echo "ubd-test: end"
EOS
printf 'hot-plugged!\n' > "$WORK/hot.img"
truncate -s 65536 "$WORK/hot.img"
run disk "root=/dev/ubda rw panic=-1 jmoo.run=/dev/ubdb" "$WORK/root.ext2,$WORK/script.img:ro,$WORK/data.img:ro,$WORK/hot.img:hot"
expect disk device '^guest-version 0x00010001$'
expect disk device '^request op=5 disk=2 .* status=0$'
expect disk device '^request op=1 disk=0 '
expect disk device '^request op=2 disk=0 .*status=0$'
expect disk device '^control poweroff$'
expect disk txt '^ubda: 24576 sectors \(12 MiB\)$'
expect disk txt '^ubdc: 2048 sectors \(1 MiB\), read-only$'
expect disk txt '^/dev/root on / type ext2 \(rw'
expect disk txt '^ubd-test: ubdc 256\+0 records in$'
expect disk txt '^ubd-test: ubdc write refused$'
expect disk txt '^ubd-test: fsync done$'
expect disk txt '^ubdd: 128 sectors \(64 KiB\)$'
expect disk txt '^ubd-test: hot disk says hot-plugged!$'
expect disk txt '^ubdd: removed$'
expect disk txt '^ubd-test: hot disk gone$'
[ "$(dd if="$WORK/hot.img" bs=512 skip=64 count=1 2>/dev/null | head -c 19)" = written-to-hot-disk ] ||
    { echo "  disk: the write to the hot-added disk is not in its image"; failures=$((failures + 1)); }
expect disk txt '^ubd-test: end$'
cmp -s "$WORK/data.img" "$WORK/data.orig" || { echo "  disk: the read-only disk changed"; failures=$((failures + 1)); }
e2fsck -fn "$WORK/root.ext2" >"$WORK/e2fsck.log" 2>&1 || { echo "  disk: e2fsck finds errors"; cat "$WORK/e2fsck.log"; failures=$((failures + 1)); }
[ "$(debugfs -R 'cat /root/guest-file' "$WORK/root.ext2" 2>/dev/null)" = "written by the guest" ] ||
    { echo "  disk: /root/guest-file is not in the image"; failures=$((failures + 1)); }
[ $failures = 0 ] || show disk

# 2. panic notice
before=$failures
script_disk "$WORK/panic.img" <<'EOS'
echo c > /proc/sysrq-trigger
EOS
gzip -dc "$IMAGES/rootfs.ext2.gz" > "$WORK/root.ext2"
run panic "root=/dev/ubda ro panic=0 jmoo.run=/dev/ubdb" "$WORK/root.ext2,$WORK/panic.img:ro"
expect panic device '^control panic sysrq triggered crash$'
expect panic device '^control panic-end$'
expect panic txt 'end Kernel panic - not syncing: sysrq triggered crash'
[ $failures = "$before" ] || show panic

# 3. reboot: the notice, then the reset (QEMU's -no-reboot ends the run there)
before=$failures
script_disk "$WORK/reboot.img" <<'EOS'
reboot
sleep 60    # init reboots us; the console script must not get to its own poweroff
EOS
gzip -dc "$IMAGES/rootfs.ext2.gz" > "$WORK/root.ext2"
run reboot "root=/dev/ubda rw panic=-1 jmoo.run=/dev/ubdb" "$WORK/root.ext2,$WORK/reboot.img:ro"
expect reboot device '^control reboot$'
expect reboot txt '^Requesting system reboot$'
[ $failures = "$before" ] || show reboot

if [ $failures = 0 ]; then echo "PASS check-ubd-qemu: disk root, read-only disk, flush, hot add/remove, poweroff, panic, reboot"; fi
exit $((failures > 0))
