package jmoo.cpu.system;

import java.util.Arrays;
import java.util.Optional;

/**
 * Walks a reference single-step trace (QEMU's) and a CPU under test in lock step and reports
 * the first divergence: an EIP the tested CPU does not reach, or a general register or a
 * compared EFLAGS bit that differs before the same instruction.
 *
 * <p>The two traces need not count instructions alike: QEMU logs every iteration of a REP
 * instruction, and a CPU may retire a REP instruction or deliver an exception in one step or
 * several, so the walk lets either side skip ahead a few states to meet the other.
 */
final class TraceComparator {
    /** The CPU under test, stepped one instruction at a time. */
    interface Stepper {
        CpuSnapshot current();

        void step();

        /** Takes over the reference's registers and flags (where results may legally differ). */
        void adopt(CpuSnapshot reference);
    }

    /** Register bits an instruction may legally set differently on the two CPUs. */
    interface Tolerance {
        /** Per register (ModRM order) the bits that may differ after the instruction at eip, or null. */
        int[] mayDiffer(int eip);
    }

    /** Where the traces part: the reference's state number, the last agreeing state, and both states. */
    record Divergence(long step, CpuSnapshot lastAgreed, CpuSnapshot reference, CpuSnapshot tested, String what) {
        @Override
        public String toString() {
            return "traces diverge at reference state " + step + " (" + what + ")\n  last agreed: " + lastAgreed
                    + "\n  reference:   " + reference + "\n  tested:      " + tested;
        }
    }

    /** How far the tested CPU may step to catch up with the reference. */
    private static final int CATCH_UP_STEPS = 4;

    private final int flagsMask;
    private final Tolerance tolerance;

    /**
     * @param flagsMask the EFLAGS bits compared (undefined flags after MUL, DIV... differ legally)
     * @param tolerance the register results that may differ (CPUID's, LAR's undefined bits)
     */
    TraceComparator(int flagsMask, Tolerance tolerance) {
        this.flagsMask = flagsMask;
        this.tolerance = tolerance;
    }

    Optional<Divergence> compare(QemuTrace reference, Stepper tested) {
        CpuSnapshot agreed = null;
        long step = 0;
        while (reference.hasNext()) {
            CpuSnapshot ref = reference.next();
            step++;
            CpuSnapshot cur = tested.current();
            if (ref.eip() != cur.eip()) {
                if (agreed != null && ref.eip() == agreed.eip()) {
                    continue;                        // QEMU's next REP iteration, the tested CPU is past it
                }
                CpuSnapshot after = reference.peek();
                if (after != null && after.eip() == cur.eip() && after.eip() != ref.eip()) {
                    continue;                        // the tested CPU did two of QEMU's steps in one
                }
                for (int i = 0; i < CATCH_UP_STEPS && cur.eip() != ref.eip(); i++) {
                    tested.step();
                    cur = tested.current();
                }
                if (cur.eip() != ref.eip()) {
                    return Optional.of(new Divergence(step, agreed, ref, cur, "eip"));
                }
            }
            String what = difference(ref, cur);
            if (what != null && agreed != null && tolerated(agreed.eip(), ref, cur)) {
                tested.adopt(ref);
                what = null;
            }
            if (what != null) {
                return Optional.of(new Divergence(step, agreed, ref, cur, what));
            }
            agreed = cur;
            tested.step();
        }
        return Optional.empty();
    }

    private boolean tolerated(int previousEip, CpuSnapshot ref, CpuSnapshot cur) {
        int[] allowed = tolerance.mayDiffer(previousEip);
        if (allowed == null || ((ref.eflags() ^ cur.eflags()) & flagsMask) != 0) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (((ref.regs()[i] ^ cur.regs()[i]) & ~allowed[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private String difference(CpuSnapshot ref, CpuSnapshot cur) {
        if (!Arrays.equals(ref.regs(), cur.regs())) {
            for (int i = 0; i < 8; i++) {
                if (ref.regs()[i] != cur.regs()[i]) {
                    return CpuSnapshot.regName(i);
                }
            }
        }
        int flags = (ref.eflags() ^ cur.eflags()) & flagsMask;
        return flags == 0 ? null : String.format("eflags bits %08x", flags);
    }
}
