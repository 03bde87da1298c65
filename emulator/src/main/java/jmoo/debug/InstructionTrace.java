package jmoo.debug;

import java.io.IOException;
import java.util.function.LongFunction;

/**
 * Writes an instruction trace window (a replay's {@code --trace FROM:TO}): the target runs freely
 * to instruction count FROM, then one line per instruction until TO, each with the count of
 * instructions retired before it, its EIP (and symbol), and the registers before it executes:
 * <pre>
 *   1234 c1000184 panic+0x4/0x80 eax=00000000 ecx=... edi=... efl=00000246
 * </pre>
 */
public final class InstructionTrace {
    private static final I386Register[] SHOWN = {
        I386Register.EAX, I386Register.ECX, I386Register.EDX, I386Register.EBX,
        I386Register.ESP, I386Register.EBP, I386Register.ESI, I386Register.EDI
    };

    private InstructionTrace() {
    }

    /**
     * @param symbolizer address to "symbol+off" text, or null for none
     * @return the number of instructions traced (fewer than TO-FROM when the target stopped)
     */
    public static long write(DebugTarget target, long from, long to, Appendable out, LongFunction<String> symbolizer)
            throws IOException {
        if (target.instructionCount() > from) {
            throw new IllegalArgumentException("the trace starts at instruction " + from + " but the machine is already at "
                    + target.instructionCount());
        }
        while (target.instructionCount() < from) {
            TargetState s = target.run(from - target.instructionCount());
            if (s != TargetState.RUNNABLE) {
                out.append("# the machine stopped (" + s + ") at instruction " + target.instructionCount()
                        + ", before the trace window\n");
                return 0;
            }
        }
        long traced = 0;
        while (target.instructionCount() < to) {
            line(target, out, symbolizer);
            TargetState s = target.run(1);
            traced++;
            if (s != TargetState.RUNNABLE) {
                out.append("# the machine stopped (" + s + ") at instruction " + target.instructionCount() + "\n");
                break;
            }
        }
        return traced;
    }

    private static void line(DebugTarget t, Appendable out, LongFunction<String> symbolizer) throws IOException {
        int eip = t.register(I386Register.EIP);
        StringBuilder sb = new StringBuilder();
        sb.append(t.instructionCount()).append(' ').append(String.format("%08x", eip));
        if (symbolizer != null) {
            String sym = symbolizer.apply(Integer.toUnsignedLong(eip));
            if (sym != null) {
                sb.append(' ').append(sym);
            }
        }
        for (I386Register r : SHOWN) {
            sb.append(' ').append(r.gdbName()).append('=').append(String.format("%08x", t.register(r)));
        }
        sb.append(" efl=").append(String.format("%08x", t.register(I386Register.EFLAGS))).append('\n');
        out.append(sb);
    }
}
