# A second, independent model of the jmoo port block (ABI.md), run inside gdb attached to QEMU's
# gdbstub: QEMU executes the guest kernel, and every IN/OUT instruction of the jmoo_ubd driver
# stops at a breakpoint where this script plays the device. It tests the C driver before (and
# apart from) the Java emulator: handshake, disk discovery, reads, writes, flushes, machine control.
#
# Run by check-ubd-qemu.sh:  gdb -batch -nx -x ubd_device.py   with environment
#   UBD_GDB_PORT   QEMU's gdbstub TCP port
#   UBD_SYSTEM_MAP the kernel's System.map (function ranges of the driver)
#   UBD_DISKS      comma-separated image files, slot 0 first; a trailing ":ro" marks read-only,
#                  ":hot" a disk that is hot-added at the driver's first GENERATION poll after
#                  the guest read slot 1 (the script disk of check-ubd-qemu.sh), and removed
#                  at the first poll after the guest wrote to the hot disk (event-driven, so a
#                  slow host changes nothing)
#   UBD_LOG        where to write the device's event log (one line per event)
# or, instead of UBD_DISKS, UBD_BRIDGE_PORT: forward every port access to a TCP server that runs
# the real device (jmoo.devices.ubd.UbdPortBlock in the test suite), copying the guest memory
# the device reads to it before an OUT and the memory it wrote back afterwards (bridge protocol
# in UbdBridgeServer.java).
import os
import socket
import struct

import gdb

PAGE_OFFSET = 0xC0000000     # i386 lowmem: virtual = physical + PAGE_OFFSET
RAM = 64 << 20
BASE = 0x0F00
SIGNATURE, VERSION = 0x4F4F4D4A, 0x00010001
ABSENT, ADD_PENDING, PRESENT, REMOVE_PENDING, REMOVED = range(5)
OK, IO_ERROR, BAD_REQUEST, NO_DISK, READ_ONLY, OUT_OF_RANGE, UNSUPPORTED = range(7)
CONTROL_NAMES = {1: "poweroff", 2: "reboot", 3: "halt", 4: "panic", 5: "panic-end"}

log = open(os.environ["UBD_LOG"], "w", buffering=1)
disks = []
for spec in filter(None, os.environ.get("UBD_DISKS", "").split(",")):
    path, _, flag = spec.partition(":")
    disks.append({"path": path, "ro": flag == "ro", "hot": flag == "hot",
                  "file": open(path, "rb" if flag == "ro" else "r+b"), "sectors": os.path.getsize(path) // 512})
state = {"arg": 0, "last": 0, "done": False, "hot": ABSENT, "generation": 0}


def present(d):
    return not d["hot"] or state["hot"] in (PRESENT, REMOVE_PENDING)


def generation():
    """The GENERATION register: a poll is when pending hot-plug changes take effect."""
    if state["hot"] in (ADD_PENDING, REMOVE_PENDING):
        state["hot"] += 1
        state["generation"] += 1
    return state["generation"]


def hot_plug_events(op, disk, status):
    if op == 0 and status == OK and disk == 1 and state["hot"] == ABSENT:
        state["hot"] = ADD_PENDING
    elif op == 1 and status == OK and disk < len(disks) and disks[disk]["hot"] and state["hot"] == PRESENT:
        state["hot"] = REMOVE_PENDING


def mem_read(phys, length):
    return bytes(gdb.selected_inferior().read_memory(phys + PAGE_OFFSET, length))


def mem_write(phys, data):
    gdb.selected_inferior().write_memory(phys + PAGE_OFFSET, data)


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & 0xFFFFFFFF


def do_request(block):
    op, disk, nsegs, _status, sector, nsectors, reserved = struct.unpack("<BBHIQII", mem_read(block, 24))
    segs = [struct.unpack("<QII", mem_read(block + 24 + 16 * i, 16)) for i in range(nsegs)]
    if reserved or nsegs > 128 or any(r for _, _, r in segs):
        return BAD_REQUEST, op, disk, sector, nsectors
    if op > 5:
        return UNSUPPORTED, op, disk, sector, nsectors
    if disk >= len(disks) or not present(disks[disk]):
        return NO_DISK, op, disk, sector, nsectors
    d = disks[disk]
    if op == 5:
        if nsegs != 1 or segs[0][1] < 32:
            return BAD_REQUEST, op, disk, sector, nsectors
        mem_write(segs[0][0], struct.pack("<QII16x", d["sectors"], 1 if d["ro"] else 0, 2048))
        return OK, op, disk, sector, nsectors
    if op == 2:
        d["file"].flush()
        return (OK if nsegs == 0 else BAD_REQUEST), op, disk, sector, nsectors
    if op in (3, 4):
        return UNSUPPORTED, op, disk, sector, nsectors     # this model offers neither
    total = sum(length for _, length, _ in segs)
    if nsegs == 0 or total != nsectors * 512 or any(l % 512 or a + l > RAM for a, l, _ in segs):
        return BAD_REQUEST, op, disk, sector, nsectors
    if op == 1 and d["ro"]:
        return READ_ONLY, op, disk, sector, nsectors
    if sector + nsectors > d["sectors"]:
        return OUT_OF_RANGE, op, disk, sector, nsectors
    f = d["file"]
    f.seek(sector * 512)
    for addr, length, _ in segs:
        if op == 0:
            mem_write(addr, f.read(length))
        else:
            f.write(mem_read(addr, length))
    return OK, op, disk, sector, nsectors


def port_in(port):
    offset = port - BASE
    if offset == 0x18:
        return generation()
    return {0: SIGNATURE, 4: VERSION, 8: len(disks), 0xC: state["last"], 0x10: state["arg"]}.get(offset, 0)


def port_out(port, value):
    offset = port - BASE
    if offset == 4:
        log.write("guest-version 0x%08x\n" % value)
    elif offset == 0x10:
        state["arg"] = value
    elif offset == 0xC:
        status, op, disk, sector, count = do_request(value)
        hot_plug_events(op, disk, status)
        mem_write(value + 4, struct.pack("<I", status))
        state["last"] = status
        log.write("request op=%d disk=%d sector=%d count=%d status=%d\n" % (op, disk, sector, count, status))
    elif offset == 0x14:
        name = CONTROL_NAMES.get(value, "unknown-%d" % value)
        if value == 4 and state["arg"]:
            text = mem_read(state["arg"], 256).split(b"\0")[0].decode("utf-8", "replace")
            name += " " + text.strip()
        log.write("control %s\n" % name)
        if value in (1, 3, 5):
            state["done"] = True


class Bridge:
    """The device on the other end of a TCP connection; this side only moves guest memory."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", int(port)))
        self.reader = self.sock.makefile("r")
        self.arg = 0

    def send(self, line):
        self.sock.sendall((line + "\n").encode())

    def copy_to_device(self, phys, length):
        length = max(0, min(length, RAM - phys))
        if phys < RAM and length:
            self.send("mem %d %s" % (phys, mem_read(phys, length).hex()))

    def port_in(self, port):
        self.send("in %d" % (port - BASE))
        return int(self.reader.readline())

    def port_out(self, port, value):
        offset = port - BASE
        if offset == 0x10:
            self.arg = value
        elif offset == 0xC and value + 24 <= RAM:
            op, nsegs = mem_read(value, 1)[0], struct.unpack("<H", mem_read(value + 2, 2))[0]
            self.copy_to_device(value, 24 + 16 * min(nsegs, 129))
            for i in range(min(nsegs, 128) if op == 1 else 0):
                addr, length = struct.unpack("<QI", mem_read(value + 24 + 16 * i, 12))
                self.copy_to_device(addr, length)
        elif offset == 0x14 and value == 4:
            self.copy_to_device(self.arg, 1024)
        self.send("out %d %d" % (offset, value))
        while True:
            words = self.reader.readline().split()
            if words[0] == "ok":
                return
            if words[0] == "mem":
                mem_write(int(words[1]), bytes.fromhex(words[2]))
            else:
                log.write(" ".join(words) + "\n")
                if words[0] == "control" and words[1] in ("poweroff", "halt", "panic-end"):
                    state["done"] = True


bridge = Bridge(os.environ["UBD_BRIDGE_PORT"]) if os.environ.get("UBD_BRIDGE_PORT") else None
if bridge:
    port_in, port_out = bridge.port_in, bridge.port_out


def driver_ranges(system_map):
    symbols = []
    with open(system_map) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tT":
                symbols.append((int(addr, 16), name))
    symbols.sort()
    return [(a, symbols[i + 1][0]) for i, (a, n) in enumerate(symbols[:-1]) if n.startswith("jmoo_")]


def set_io_breakpoints(system_map):
    arch = gdb.selected_frame().architecture()
    addresses = set()
    for start, end in driver_ranges(system_map):
        for insn in arch.disassemble(start, end - 1):
            if insn["asm"].split()[0] in ("in", "out"):
                gdb.Breakpoint("*0x%x" % insn["addr"], internal=True)
                addresses.add(insn["addr"])
    log.write("breakpoints %d\n" % len(addresses))
    return addresses


def step_over_io():
    """Plays the device for the IN/OUT at EIP (the forms with the port in DX), then skips it."""
    eip = reg("eip")
    opcode = mem_read(eip - PAGE_OFFSET, 1)[0]
    port = reg("edx") & 0xFFFF
    if opcode == 0xED:                 # in (%dx),%eax
        gdb.execute("set $eax = %d" % port_in(port))
    elif opcode == 0xEF:               # out %eax,(%dx)
        port_out(port, reg("eax"))
    else:
        raise gdb.GdbError("unexpected I/O form 0x%02x at 0x%x" % (opcode, eip))
    gdb.execute("set $eip = %d" % (eip + 1))


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("set architecture i386")
    gdb.execute("target remote 127.0.0.1:%s" % os.environ["UBD_GDB_PORT"])
    with open(os.environ["UBD_SYSTEM_MAP"]) as f:
        init = next(int(l.split()[0], 16) for l in f if l.split()[2] == "jmoo_ubd_init")
    gdb.Breakpoint("*0x%x" % init, internal=True)
    gdb.execute("continue")
    io = set_io_breakpoints(os.environ["UBD_SYSTEM_MAP"])
    while not state["done"]:
        try:
            gdb.execute("continue")
        except gdb.error as e:         # QEMU exited: a reset with -no-reboot
            log.write("target-exited %s\n" % e)
            return
        if reg("eip") in io:
            step_over_io()
    log.write("end\n")
    gdb.execute("kill")


try:
    main()
except Exception as e:     # the harness reports, the shell script decides
    log.write("harness-error %s\n" % e)
