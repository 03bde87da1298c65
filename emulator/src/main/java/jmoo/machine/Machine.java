package jmoo.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import jmoo.boot.BootLoadException;
import jmoo.boot.LinuxLoader;
import jmoo.boot.LoadedKernel;
import jmoo.cpu.Cpu;
import jmoo.devices.Device;
import jmoo.devices.IoBus;
import jmoo.devices.IoPortHandler;
import jmoo.devices.PcLayout;
import jmoo.devices.PhysicalMemory;
import jmoo.devices.TimedDevice;
import jmoo.devices.pc.DualI8259;
import jmoo.devices.pc.I8042;
import jmoo.devices.pc.I8254;
import jmoo.devices.pc.Mc146818Rtc;
import jmoo.devices.pc.PostCodePort;
import jmoo.devices.pc.SystemControlPortB;
import jmoo.devices.pc.Uart16550;
import jmoo.devices.ubd.MachineControl;
import jmoo.devices.ubd.UbdPortBlock;
import jmoo.replay.SnapshotFormatException;
import jmoo.replay.SnapshotableMachine;

/**
 * The jmoo PC: RAM, the I/O bus, the CPU, the PC devices wired to their ports and IRQs, and
 * virtual time, and the paravirtual port block (ubd disks and machine control, images/ubd/ABI.md).
 * It is that block's {@link MachineControl}: power-off, reboot, halt and panic requests (and the
 * i8042's reset line) stop the CPU before its next instruction and are read by the run loop.
 * Its whole state (CPU, virtual time, pending request, devices, RAM) can be saved and restored
 * ({@link SnapshotableMachine}); the disks are host configuration, attached separately.
 */
public final class Machine implements MachineControl, SnapshotableMachine {
    /** Why a run should end, as requested by the guest through a device. */
    public enum Request { NONE, POWER_OFF, RESET, HALT, PANIC }

    private final PhysicalMemory memory;
    private final IoBus io = new IoBus();
    private final DualI8259 pic = new DualI8259();
    private final I8254 pit;
    private final Uart16550 uart;
    private final Mc146818Rtc rtc;
    private final I8042 i8042;
    private final PostCodePort postCodes = new PostCodePort();
    private final SystemControlPortB portB;
    private final UbdPortBlock portBlock;
    private final Cpu cpu;
    private final VirtualTime time;
    private final Watchdog watchdog = new Watchdog();
    private final List<Device> devices = new ArrayList<>();
    private final List<TimedDevice> timedDevices;
    private Request request = Request.NONE;
    private String panicMessage;

    /**
     * @param serialOut receives every byte the guest writes to COM1
     * @param rtcStartEpochSeconds the RTC's time at power-on (the one host-clock input of a run)
     */
    public Machine(long ramBytes, long nanosPerInstruction, long rtcStartEpochSeconds, IntConsumer serialOut) {
        memory = new PhysicalMemory(Math.toIntExact(ramBytes));
        cpu = new Cpu(memory, io, pic);
        time = new VirtualTime(cpu::instructionCount, nanosPerInstruction);
        pit = new I8254(time, pic.irqLine(PcLayout.PIT_IRQ));
        portB = new SystemControlPortB(pit, time);
        uart = new Uart16550("uart0", pic.irqLine(PcLayout.COM1_IRQ), b -> {
            watchdog.progress(time.nanos());
            serialOut.accept(b);
        }, time);
        rtc = new Mc146818Rtc(time, pic.irqLine(PcLayout.RTC_IRQ), rtcStartEpochSeconds);
        i8042 = new I8042(pic.irqLine(PcLayout.KEYBOARD_IRQ), pic.irqLine(PcLayout.MOUSE_IRQ), this::requestReset);
        io.register(PcLayout.PIC_MASTER_PORT, 2, pic);
        io.register(PcLayout.PIC_SLAVE_PORT, 2, pic);
        io.register(PcLayout.PIT_PORT, PcLayout.PIT_PORT_COUNT, pit);
        io.register(PcLayout.I8042_DATA_PORT, 1, i8042);
        io.register(PcLayout.I8042_COMMAND_PORT, 1, i8042);
        io.register(PcLayout.SYSTEM_CONTROL_B_PORT, 1, portB);
        io.register(PcLayout.RTC_INDEX_PORT, 2, rtc);
        io.register(PcLayout.POST_CODE_PORT, 1, postCodes);
        io.register(PcLayout.COM1_PORT, PcLayout.UART_PORT_COUNT, uart);
        portBlock = new UbdPortBlock(memory, this);
        io.register(UbdPortBlock.BASE_PORT, UbdPortBlock.PORT_COUNT, new IoPortHandler() {
            @Override
            public int in(int port, int size) {
                return portBlock.in(port, size);
            }

            @Override
            public void out(int port, int size, int value) {
                watchdog.progress(time.nanos());   // a disk request or a machine-control notice
                portBlock.out(port, size, value);
            }
        });
        devices.addAll(List.of(pic, pit, portB, uart, rtc, i8042, postCodes, portBlock));
        timedDevices = List.of(pit, rtc, uart);
        portB.reset();
    }

    /**
     * Loads Linux and sets the CPU at its 32-bit entry: flat protected mode, paging and
     * interrupts off, ESI = the zero page, EBP = EDI = EBX = 0.
     */
    public LoadedKernel bootLinux(Path kernel, Path initrd, String commandLine) throws BootLoadException, IOException {
        LoadedKernel loaded = LinuxLoader.load(memory, kernel, initrd, commandLine);
        cpu.resetToFlatProtectedMode();
        for (int r = Cpu.EAX; r <= Cpu.EDI; r++) {
            cpu.setReg(r, 0);
        }
        cpu.setReg(Cpu.ESI, loaded.zeroPage());
        cpu.setEip(loaded.entry());
        return loaded;
    }

    /** Earliest timer deadline of any device (virtual ns), or {@link TimedDevice#NO_DEADLINE}. */
    long nextDeadline() {
        long deadline = TimedDevice.NO_DEADLINE;
        for (TimedDevice d : timedDevices) {
            deadline = Math.min(deadline, d.nextDeadlineNanos());
        }
        return deadline;
    }

    /** Lets every timed device catch up with the current virtual time. */
    public void advanceTimers() {
        long now = time.nanos();
        for (TimedDevice d : timedDevices) {
            d.advanceTo(now);
        }
    }

    @Override
    public void powerOff() {
        setRequest(Request.POWER_OFF);
    }

    @Override
    public void reboot() {
        requestReset();
    }

    /** The reset line (i8042 pulse, guest reboot). */
    public void requestReset() {
        setRequest(Request.RESET);
    }

    @Override
    public void halt() {
        setRequest(Request.HALT);
    }

    @Override
    public void panic(String message) {
        panicMessage = message;
    }

    @Override
    public void panicEnd() {
        setRequest(Request.PANIC);
    }

    private void setRequest(Request r) {
        if (request == Request.NONE) {
            request = r;
        }
        cpu.requestStop();
    }

    public Request request() {
        return request;
    }

    /** The message of the guest's last panic notice, or null. */
    public String panicMessage() {
        return panicMessage;
    }

    public Cpu cpu() {
        return cpu;
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    public IoBus io() {
        return io;
    }

    public DualI8259 pic() {
        return pic;
    }

    /** The ubd disks and machine-control port block: attach disks here before booting. */
    public UbdPortBlock portBlock() {
        return portBlock;
    }

    public Uart16550 uart() {
        return uart;
    }

    public VirtualTime time() {
        return time;
    }

    @Override
    public List<Device> devices() {
        return devices;
    }

    /** The no-progress watchdog (off unless a limit is set); the guest's output and disk requests feed it. */
    public Watchdog watchdog() {
        return watchdog;
    }

    @Override
    public void writeCpuState(DataOutput out) throws IOException {
        cpu.saveState(out);
    }

    @Override
    public void restoreCpuState(DataInput in) throws IOException {
        cpu.restoreState(in);
    }

    /**
     * The virtual time period and skipped time, the watchdog's last progress, and a request or
     * panic notice not yet acted on.
     */
    @Override
    public void writeMachineState(DataOutput out) throws IOException {
        out.writeLong(time.nanosPerInstruction());
        out.writeLong(time.skippedNanos());
        out.writeLong(watchdog.lastProgressNanos());
        out.writeByte(request.ordinal());
        out.writeBoolean(panicMessage != null);
        if (panicMessage != null) {
            out.writeUTF(panicMessage);
        }
    }

    @Override
    public void restoreMachineState(DataInput in) throws IOException {
        long period = in.readLong();
        if (period != time.nanosPerInstruction()) {
            throw new SnapshotFormatException("the snapshot's machine runs " + period
                    + " virtual ns per instruction, this one " + time.nanosPerInstruction() + " (--insn-ns)");
        }
        time.restoreSkippedNanos(in.readLong());
        watchdog.restoreLastProgressNanos(in.readLong());
        int r = in.readUnsignedByte();
        if (r >= Request.values().length) {
            throw new SnapshotFormatException("unknown machine request " + r);
        }
        request = Request.values()[r];
        panicMessage = in.readBoolean() ? in.readUTF() : null;
    }
}
