package jmoo.devices.ubd;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.PhysicalMemory;
import jmoo.disk.BlockDevice;

/**
 * The jmoo paravirtual port block (ABI 1.1, images/ubd/ABI.md): ubd disks for the guest's
 * {@code jmoo_ubd} driver, and machine control (power-off, reboot, halt, panic notices).
 *
 * <p>Wiring, for the machine:
 * <pre>{@code
 * UbdPortBlock ubd = new UbdPortBlock(memory, machineControl);
 * ubd.attach(0, CowChain.open(List.of(cow, backing), OpenOptions.writable()));  // ubda
 * ioBus.register(UbdPortBlock.BASE_PORT, UbdPortBlock.PORT_COUNT, ubd);
 * }</pre>
 * Disks attached before the guest kernel's device initcall are there at boot. Attaching or
 * detaching later (the monitor's {@code config ubdN=} / {@code remove ubdN}) changes the
 * GENERATION register, which the driver polls once a second of guest time: the disk appears in
 * or disappears from the guest within about a second. Detaching a disk the guest has mounted
 * makes its I/O fail (NO_DISK), like pulling a drive: the monitor should warn first.
 *
 * <p>A request is performed entirely inside the guest's {@code OUT} to the SUBMIT register, on
 * the emulator thread: deterministic, no interrupt. A malformed request is a status in guest
 * memory and a count in {@link #counters()}, never an exception. The disks are not closed here:
 * whoever opened them closes them.
 */
public final class UbdPortBlock implements Device, IoPortHandler {
    public static final int BASE_PORT = UbdAbi.BASE_PORT;
    public static final int PORT_COUNT = UbdAbi.PORT_COUNT;

    private final PhysicalMemory memory;
    private final MachineControl control;
    private final UbdDisk[] disks = new UbdDisk[UbdAbi.MAX_DISKS];
    private final UbdCounters counters = new UbdCounters();
    private final RequestBlock request = new RequestBlock();
    private final UbdRequestHandler handler;

    private int generation;
    private int guestVersion;
    private int lastStatus;
    private int arg;
    private String panicMessage;

    public UbdPortBlock(PhysicalMemory memory, MachineControl control) {
        this.memory = memory;
        this.control = control;
        this.handler = new UbdRequestHandler(memory, disks, counters);
        reset();
    }

    /** Puts {@code device} in slot {@code slot} (0 = ubda); returns the slot's {@link UbdDisk}. */
    public UbdDisk attach(int slot, BlockDevice device) {
        return attach(slot, new UbdDisk(device));
    }

    /** Puts {@code disk} (e.g. {@code new UbdDisk(device, true)} for UML's s flag) in a slot. */
    public UbdDisk attach(int slot, UbdDisk disk) {
        checkSlot(slot);
        if (disks[slot] != null) {
            throw new IllegalStateException("ubd" + slot + " is already attached");
        }
        disks[slot] = disk;
        generation++;
        return disk;
    }

    /** Empties slot {@code slot}; returns what was there (null if nothing). Does not close it. */
    public UbdDisk detach(int slot) {
        checkSlot(slot);
        UbdDisk old = disks[slot];
        disks[slot] = null;
        if (old != null) {
            generation++;
        }
        return old;
    }

    /** The disk in slot {@code slot}, or null. */
    public UbdDisk disk(int slot) {
        checkSlot(slot);
        return disks[slot];
    }

    public UbdCounters counters() {
        return counters;
    }

    /** The ABI version the guest driver announced, {@code major << 16 | minor}; 0 before. */
    public int guestVersion() {
        return guestVersion;
    }

    /** The message of the last PANIC notice, or null when the guest has not panicked. */
    public String panicMessage() {
        return panicMessage;
    }

    private static void checkSlot(int slot) {
        if (slot < 0 || slot >= UbdAbi.MAX_DISKS) {
            throw new IllegalArgumentException("ubd slot " + slot + " is not in 0.." + (UbdAbi.MAX_DISKS - 1));
        }
    }

    @Override
    public String name() {
        return "ubd";
    }

    @Override
    public void reset() {
        guestVersion = 0;
        lastStatus = 0;
        arg = 0;
        panicMessage = null;
    }

    @Override
    public int in(int port, int size) {
        int offset = port - BASE_PORT;
        if (!isRegister(offset, size)) {
            counters.badPortAccess(String.format("%d-byte read of port 0x%x", size, port));
            return allOnes(size);
        }
        return switch (offset) {
            case UbdAbi.REG_SIGNATURE -> UbdAbi.SIGNATURE;
            case UbdAbi.REG_VERSION -> UbdAbi.VERSION;
            case UbdAbi.REG_DISK_SLOTS -> diskSlots();
            case UbdAbi.REG_SUBMIT -> lastStatus;
            case UbdAbi.REG_ARG -> arg;
            case UbdAbi.REG_GENERATION -> generation;
            default -> 0;   // CONTROL
        };
    }

    @Override
    public void out(int port, int size, int value) {
        int offset = port - BASE_PORT;
        if (!isRegister(offset, size)) {
            counters.badPortAccess(String.format("%d-byte write of 0x%x to port 0x%x", size, value, port));
            return;
        }
        switch (offset) {
            case UbdAbi.REG_VERSION -> guestVersion = value;
            case UbdAbi.REG_SUBMIT -> submit(Integer.toUnsignedLong(value));
            case UbdAbi.REG_ARG -> arg = value;
            case UbdAbi.REG_CONTROL -> control(value);
            default -> counters.badPortAccess(String.format("write of 0x%x to read-only port 0x%x", value, port));
        }
    }

    private static boolean isRegister(int offset, int size) {
        return size == 4 && (offset & 3) == 0 && offset >= 0 && offset <= UbdAbi.REG_GENERATION;
    }

    private static int allOnes(int size) {
        return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
    }

    /** One past the highest attached slot: the guest probes slots below it. */
    private int diskSlots() {
        for (int slot = disks.length; slot > 0; slot--) {
            if (disks[slot - 1] != null) {
                return slot;
            }
        }
        return 0;
    }

    private void submit(long blockAddress) {
        String problem = request.load(memory, blockAddress);
        UbdStatus status;
        if (problem != null) {
            status = UbdStatus.BAD_REQUEST;
            counters.problem(String.format("request at 0x%x: %s", blockAddress, problem));
        } else {
            status = handler.handle(request);
        }
        if (memory.contains(blockAddress, UbdAbi.HEADER_SIZE)) {
            request.writeStatus(memory, status);
        }
        counters.count(status);
        lastStatus = status.code();
    }

    private void control(int command) {
        switch (command) {
            case UbdAbi.CTL_POWER_OFF -> control.powerOff();
            case UbdAbi.CTL_REBOOT -> control.reboot();
            case UbdAbi.CTL_HALT -> control.halt();
            case UbdAbi.CTL_PANIC -> {
                panicMessage = readMessage(Integer.toUnsignedLong(arg));
                control.panic(panicMessage);
            }
            case UbdAbi.CTL_PANIC_END -> control.panicEnd();
            default -> counters.unknownControl(command);
        }
    }

    /** The NUL-terminated text at {@code address}: at most 1024 bytes, never beyond RAM. */
    private String readMessage(long address) {
        if (address == 0 || !memory.contains(address, 1)) {
            return "";
        }
        int start = (int) address;
        int end = start;
        int limit = (int) Math.min(memory.size(), address + UbdAbi.PANIC_MESSAGE_MAX);
        byte[] ram = memory.array();
        while (end < limit && ram[end] != 0) {
            end++;
        }
        return new String(ram, start, end - start, StandardCharsets.UTF_8).strip();
    }

    /** Disk slot changes are host configuration: they survive a machine reset, like the disks. */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(generation);
        out.writeInt(guestVersion);
        out.writeInt(lastStatus);
        out.writeInt(arg);
        out.writeBoolean(panicMessage != null);
        if (panicMessage != null) {
            out.writeUTF(panicMessage);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        generation = in.readInt();
        guestVersion = in.readInt();
        lastStatus = in.readInt();
        arg = in.readInt();
        panicMessage = in.readBoolean() ? in.readUTF() : null;
    }
}
