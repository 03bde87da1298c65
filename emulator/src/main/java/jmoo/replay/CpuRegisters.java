package jmoo.replay;

import java.io.DataOutput;
import java.io.IOException;
import jmoo.cpu.Cpu;

/**
 * The CPU state visible through its public API: the general registers, EIP, EFLAGS, segment
 * selectors with their cached bases and limits, CR0/CR2/CR3/CR4, CPL-relevant bits, the halted
 * flag and the instruction count. Used for crash reports (registers.txt) and state hashes.
 */
public final class CpuRegisters {
    private static final String[] GENERAL = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] SEGMENTS = {"es", "cs", "ss", "ds", "fs", "gs"};
    private static final int[] CONTROL = {0, 2, 3, 4};

    private CpuRegisters() {
    }

    /** The registers by name, for registers.txt. */
    public static RegisterSnapshot snapshot(Cpu cpu) {
        RegisterSnapshot s = new RegisterSnapshot();
        for (int i = 0; i < GENERAL.length; i++) {
            s.put(GENERAL[i], cpu.reg(i));
        }
        s.put("eip", cpu.eip()).put("eflags", cpu.eflags());
        for (int i = 0; i < SEGMENTS.length; i++) {
            s.put(SEGMENTS[i], cpu.segSelector(i));
            s.put(SEGMENTS[i] + ".base", cpu.segBase(i));
            s.put(SEGMENTS[i] + ".limit", cpu.segLimit(i));
        }
        for (int n : CONTROL) {
            s.put("cr" + n, cpu.cr(n));
        }
        s.put("last_exception", cpu.lastExceptionVector()).put("last_error_code", cpu.lastExceptionErrorCode());
        return s;
    }

    /** Writes the state for hashing: every value of {@link #snapshot} plus halted and the count. */
    public static void write(Cpu cpu, DataOutput out) throws IOException {
        for (long v : snapshot(cpu).values().values()) {
            out.writeInt((int) v);
        }
        out.writeBoolean(cpu.halted());
        out.writeLong(cpu.instructionCount());
    }
}
