package jmoo.cpu.system;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Walks a reference single-step trace (QEMU's) and a CPU under test in lock step and reports
 * the first divergence: an EIP the tested CPU does not reach, or a general register or a
 * compared EFLAGS bit that differs before the same instruction.
 *
 * <p>The two traces need not count instructions alike: QEMU logs every iteration of a REP
 * instruction, and a CPU may retire a REP instruction, or deliver an exception or interrupt
 * together with the handler's first instruction, in one step or several; so where the EIPs
 * part the walk lets either side skip a few states to meet the other again.
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

    /** How many states either side may skip to meet the other. */
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

    Optional<Divergence> compare(Iterator<CpuSnapshot> reference, Stepper tested) {
        Deque<CpuSnapshot> window = new ArrayDeque<>();
        CpuSnapshot agreed = null;
        long step = 0;
        while (fill(window, reference)) {
            CpuSnapshot ref = window.peekFirst();
            CpuSnapshot cur = tested.current();
            while (ref.eip() != cur.eip() && agreed != null && ref.eip() == agreed.eip()) {
                window.removeFirst();                // QEMU's next REP iteration, the tested CPU is past it
                step++;
                if (!fill(window, reference)) {
                    return Optional.empty();
                }
                ref = window.peekFirst();
            }
            if (ref.eip() != cur.eip()) {
                int skip = -1;
                for (int i = 0; skip < 0 && i <= CATCH_UP_STEPS; i++) {
                    if (i > 0) {
                        tested.step();
                        cur = tested.current();
                    }
                    skip = indexOfEip(window, cur.eip());
                }
                if (skip < 0) {
                    return Optional.of(new Divergence(step + 1, agreed, ref, cur, "eip"));
                }
                for (int i = 0; i < skip; i++) {
                    window.removeFirst();
                    step++;
                }
                ref = window.peekFirst();
            }
            window.removeFirst();
            step++;
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

    /** Keeps the next few reference states in the window; false when none is left. */
    private static boolean fill(Deque<CpuSnapshot> window, Iterator<CpuSnapshot> reference) {
        while (window.size() <= CATCH_UP_STEPS && reference.hasNext()) {
            window.addLast(reference.next());
        }
        return !window.isEmpty();
    }

    private static int indexOfEip(Deque<CpuSnapshot> window, int eip) {
        int i = 0;
        for (CpuSnapshot s : window) {
            if (s.eip() == eip) {
                return i;
            }
            i++;
        }
        return -1;
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
