package jmoo.debug;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Single-step and continue over a {@link DebugTarget}, honouring breakpoints (checked against
 * EIP before each instruction) and write watchpoints (the watched bytes compared after each
 * instruction, so a hit is reported after the writing instruction, like an x86 data breakpoint).
 * With nothing to check the target runs in large slices.
 */
public final class ExecutionControl {
    /** Instructions per slice when running freely, and between interrupt polls when stepping. */
    static final int SLICE = 10_000;

    private final DebugTarget target;
    private final Breakpoints breakpoints;

    public ExecutionControl(DebugTarget target, Breakpoints breakpoints) {
        this.target = target;
        this.breakpoints = breakpoints;
    }

    /** Executes exactly one instruction. */
    public StopEvent step() {
        WatchedBytes watched = new WatchedBytes(breakpoints.writeWatches());
        TargetState state = target.run(1);
        StopEvent watchHit = watched.changed();
        if (watchHit != null) {
            return watchHit;
        }
        return stateEvent(state, StopEvent.of(StopEvent.Kind.STEPPED));
    }

    /**
     * Runs until a breakpoint, a watchpoint, the target stopping, {@code stopAtCount} instructions
     * retired in total, or {@code interrupted} answering true (polled every {@link #SLICE}
     * instructions). The instruction at the current EIP runs even when a breakpoint is set on it,
     * so continuing from a breakpoint makes progress.
     */
    public StopEvent resume(BooleanSupplier interrupted, long stopAtCount) {
        if (breakpoints.isEmpty()) {
            return runFreely(interrupted, stopAtCount);
        }
        WatchedBytes watched = new WatchedBytes(breakpoints.writeWatches());
        boolean first = true;
        for (long n = 0; ; n++) {
            if (!first) {
                StopEvent hit = breakpointAt(target.register(I386Register.EIP));
                if (hit != null) {
                    return hit;
                }
            }
            first = false;
            if (target.instructionCount() >= stopAtCount || (n % SLICE == SLICE - 1 && interrupted.getAsBoolean())) {
                return StopEvent.of(StopEvent.Kind.INTERRUPTED);
            }
            TargetState state = target.run(1);
            StopEvent watchHit = watched.changed();
            if (watchHit != null) {
                return watchHit;
            }
            if (state != TargetState.RUNNABLE) {
                return stateEvent(state, null);
            }
        }
    }

    public StopEvent resume(BooleanSupplier interrupted) {
        return resume(interrupted, Long.MAX_VALUE);
    }

    private StopEvent runFreely(BooleanSupplier interrupted, long stopAtCount) {
        while (true) {
            long left = stopAtCount - target.instructionCount();
            if (left <= 0 || interrupted.getAsBoolean()) {
                return StopEvent.of(StopEvent.Kind.INTERRUPTED);
            }
            TargetState state = target.run(Math.min(left, SLICE));
            if (state != TargetState.RUNNABLE) {
                return stateEvent(state, null);
            }
        }
    }

    private StopEvent breakpointAt(int eip) {
        if (breakpoints.isSoftware(eip)) {
            return StopEvent.of(StopEvent.Kind.SOFTWARE_BREAKPOINT);
        }
        if (breakpoints.isHardware(eip)) {
            return StopEvent.of(StopEvent.Kind.HARDWARE_BREAKPOINT);
        }
        return null;
    }

    private static StopEvent stateEvent(TargetState state, StopEvent whenRunnable) {
        return switch (state) {
            case RUNNABLE -> whenRunnable;
            case HALTED -> StopEvent.of(StopEvent.Kind.HALTED);
            case TRIPLE_FAULT -> StopEvent.of(StopEvent.Kind.TRIPLE_FAULT);
            case EXITED -> StopEvent.of(StopEvent.Kind.EXITED);
        };
    }

    /** The current contents of each write-watched range, to compare after an instruction. */
    private final class WatchedBytes {
        private final List<Watchpoint> watches;
        private final byte[][] before;

        WatchedBytes(List<Watchpoint> watches) {
            this.watches = watches;
            this.before = new byte[watches.size()][];
            for (int i = 0; i < watches.size(); i++) {
                before[i] = read(watches.get(i));
            }
        }

        /** The first watchpoint whose bytes changed (and re-arms all of them), or null. */
        StopEvent changed() {
            StopEvent hit = null;
            for (int i = 0; i < watches.size(); i++) {
                byte[] now = read(watches.get(i));
                if (!Arrays.equals(now, before[i])) {
                    before[i] = now;
                    if (hit == null) {
                        hit = new StopEvent(StopEvent.Kind.WATCHPOINT, watches.get(i).address());
                    }
                }
            }
            return hit;
        }

        private byte[] read(Watchpoint w) {
            byte[] b = new byte[w.length()];
            int n = target.readMemory(w.address(), b, 0, b.length);
            return n == b.length ? b : Arrays.copyOf(b, n);
        }
    }
}
