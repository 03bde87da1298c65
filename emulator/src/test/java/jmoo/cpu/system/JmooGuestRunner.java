package jmoo.cpu.system;

import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * Runs a guest program on jmoo's CPU from the Linux-boot-protocol state (flat 32-bit protected
 * mode, paging and interrupts off) with the result device on QEMU's port numbers, until the
 * program writes its exit code, halts, triple-faults or exceeds an instruction budget.
 */
final class JmooGuestRunner {
    static final int RAM_BYTES = 32 << 20;
    /** Far more than any of the programs needs (each runs well under a million instructions). */
    static final long INSTRUCTION_BUDGET = 50_000_000L;
    private static final long SLICE = 1_000_000L;

    private static final InterruptSource NO_INTERRUPTS = new InterruptSource() {
        @Override
        public boolean hasInterrupt() {
            return false;
        }

        @Override
        public int acknowledgeInterrupt() {
            throw new IllegalStateException("no interrupt controller in the system-test machine");
        }
    };

    private JmooGuestRunner() {
    }

    /** A CPU with the program loaded and about to execute its entry point. */
    static Cpu load(GuestProgram program, ResultPorts ports) {
        PhysicalMemory memory = new PhysicalMemory(RAM_BYTES);
        IoBus io = new IoBus();
        io.register(ResultPorts.CONSOLE_PORT, 1, ports);
        io.register(ResultPorts.EXIT_PORT, ResultPorts.EXIT_PORT_COUNT, ports);
        Cpu cpu = new Cpu(memory, io, NO_INTERRUPTS);
        byte[] image = program.image();
        System.arraycopy(image, 0, memory.array(), program.loadAddress(), image.length);
        memory.written(program.loadAddress(), image.length);
        cpu.resetToFlatProtectedMode();
        cpu.setEip(program.entry());
        return cpu;
    }

    static GuestRun run(GuestProgram program) {
        ResultPorts ports = new ResultPorts();
        Cpu cpu = load(program, ports);
        StopReason stop = StopReason.INSTRUCTION_LIMIT;
        while (ports.exitCode() < 0 && cpu.instructionCount() < INSTRUCTION_BUDGET) {
            stop = cpu.run(SLICE);
            if (stop != StopReason.INSTRUCTION_LIMIT) {
                break;
            }
        }
        return new GuestRun(ports.output(), ending(ports, stop, cpu), state(cpu));
    }

    private static String ending(ResultPorts ports, StopReason stop, Cpu cpu) {
        if (ports.exitCode() >= 0) {
            return GuestRun.exitEnding(ports.exitCode());
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
        String[] names = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        for (int i = 0; i < names.length; i++) {
            s.append(String.format("%s=%08x ", names[i], cpu.reg(i)));
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
