package jmoo.cpu.system;

import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import jmoo.devices.IoBus;
import jmoo.devices.PcLayout;
import jmoo.devices.PhysicalMemory;
import jmoo.devices.pc.DualI8259;
import jmoo.devices.pc.I8042;

/**
 * Runs a guest program on jmoo's CPU from the Linux-boot-protocol state (flat 32-bit protected
 * mode, paging and interrupts off) with the result device on QEMU's port numbers, until the
 * program writes its exit code, halts, triple-faults or exceeds an instruction budget. The
 * machine around the CPU has the 8259 pair and the i8042 (whose command 0xD2 lets a program
 * raise IRQ 1 on demand, on QEMU's PC as here); nothing else raises interrupts.
 */
final class JmooGuestRunner {
    static final int RAM_BYTES = 32 << 20;
    /** Far more than any of the programs needs (each runs well under a million instructions). */
    static final long INSTRUCTION_BUDGET = 50_000_000L;
    private static final long SLICE = 1_000_000L;
    private static final int EFLAGS_IF = 0x200;

    /** The CPU and the devices a run watches. */
    record GuestMachine(Cpu cpu, DualI8259 pic, ResultPorts ports) {
    }

    private JmooGuestRunner() {
    }

    /** A machine with the program loaded, its CPU about to execute the entry point. */
    static GuestMachine load(GuestProgram program) {
        PhysicalMemory memory = new PhysicalMemory(RAM_BYTES);
        IoBus io = new IoBus();
        ResultPorts ports = new ResultPorts();
        io.register(ResultPorts.CONSOLE_PORT, 1, ports);
        io.register(ResultPorts.EXIT_PORT, ResultPorts.EXIT_PORT_COUNT, ports);
        DualI8259 pic = new DualI8259();
        io.register(PcLayout.PIC_MASTER_PORT, 2, pic);
        io.register(PcLayout.PIC_SLAVE_PORT, 2, pic);
        I8042 i8042 = new I8042(pic.irqLine(PcLayout.KEYBOARD_IRQ), pic.irqLine(PcLayout.MOUSE_IRQ),
                ports::requestReset);
        io.register(PcLayout.I8042_DATA_PORT, 1, i8042);
        io.register(PcLayout.I8042_COMMAND_PORT, 1, i8042);
        Cpu cpu = new Cpu(memory, io, pic);
        byte[] image = program.image();
        System.arraycopy(image, 0, memory.array(), program.loadAddress(), image.length);
        memory.written(program.loadAddress(), image.length);
        cpu.resetToFlatProtectedMode();
        cpu.setEip(program.entry());
        return new GuestMachine(cpu, pic, ports);
    }

    static GuestRun run(GuestProgram program) {
        GuestMachine m = load(program);
        Cpu cpu = m.cpu();
        StopReason stop = StopReason.INSTRUCTION_LIMIT;
        while (!m.ports().finished() && cpu.instructionCount() < INSTRUCTION_BUDGET) {
            stop = cpu.run(SLICE);
            boolean wakes = stop == StopReason.HALTED && (cpu.eflags() & EFLAGS_IF) != 0 && m.pic().hasInterrupt();
            if (stop != StopReason.INSTRUCTION_LIMIT && !wakes) {
                break;
            }
        }
        return new GuestRun(m.ports().output(), ending(m.ports(), stop, cpu), state(cpu));
    }

    private static String ending(ResultPorts ports, StopReason stop, Cpu cpu) {
        if (ports.exitCode() >= 0) {
            return GuestRun.exitEnding(ports.exitCode());
        }
        if (ports.resetRequested()) {
            return "reset (i8042)";
        }
        return switch (stop) {
            case TRIPLE_FAULT -> "reset (triple fault)";
            case HALTED -> String.format("halted without an exit code at eip=%08x", cpu.eip());
            case SHUTDOWN_REQUESTED -> String.format("shutdown requested at eip=%08x", cpu.eip());
            case INSTRUCTION_LIMIT -> String.format("still running after %d instructions at eip=%08x",
                    cpu.instructionCount(), cpu.eip());
        };
    }

    /** The CPU state at the end, for failure messages. */
    static String state(Cpu cpu) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format("%s=%08x ", CpuSnapshot.regName(i), cpu.reg(i)));
        }
        s.append(String.format("eip=%08x eflags=%08x cs=%04x ss=%04x cr0=%08x cr2=%08x cr3=%08x%n",
                cpu.eip(), cpu.eflags(), cpu.segSelector(Cpu.CS), cpu.segSelector(Cpu.SS), cpu.cr(0), cpu.cr(2),
                cpu.cr(3)));
        s.append(String.format("instructions=%d last exception=%d error code=%08x #UD so far=%d",
                cpu.instructionCount(), cpu.lastExceptionVector(), cpu.lastExceptionErrorCode(),
                cpu.undefinedOpcodes()));
        return s.toString();
    }
}
