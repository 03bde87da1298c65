package jmoo.debug;

import java.util.function.BooleanSupplier;

/**
 * Single-step and continue over a {@link DebugTarget}, honouring breakpoints (EIP compared
 * before each instruction, also at an interrupt handler's entry: the target stops there while
 * breakpoints are set) and watchpoints (the target stops after the accessing instruction, like an
 * x86 data breakpoint). Without breakpoints the target runs in large slices; with them, a target
 * that checks breakpoints itself (the CPU, see DebugHooks#setBreakpoints) runs in slices too and
 * stops before a breakpoint, others are stepped one instruction per run.
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

    /**
     * Executes exactly one instruction. When a pending interrupt is delivered first and its
     * handler's entry has a breakpoint, stops there instead (before the handler's first instruction).
     */
    public StopEvent step() {
        Position start = new Position();
        target.setStopAtInterruptEntry(breakpoints.hasCodeBreakpoints());
        while (true) {
            TargetState state = target.run(1);
            StopEvent stop = afterRun(state);
            if (stop != null) {
                return stop;
            }
            if (target.instructionCount() != start.count) {
                return StopEvent.of(StopEvent.Kind.STEPPED);
            }
            StopEvent hit = start.isAt() ? null : breakpointAt(target.register(I386Register.EIP));
            if (hit != null) {
                return hit;
            }
        }
    }

    /**
     * Runs until a breakpoint, a watchpoint, the target stopping, {@code stopAtCount} instructions
     * retired in total, or {@code interrupted} answering true (polled every {@link #SLICE}
     * instructions). The instruction at the current EIP runs even when a breakpoint is set on it,
     * so continuing from a breakpoint makes progress.
     */
    public StopEvent resume(BooleanSupplier interrupted, long stopAtCount) {
        boolean code = breakpoints.hasCodeBreakpoints();
        target.setStopAtInterruptEntry(code);
        if (!code) {
            return runFreely(interrupted, stopAtCount);
        }
        Position start = new Position();
        if (target.checksCodeBreakpoints()) {
            target.setCodeBreakpoints(breakpoints.codeAddresses(), start.eip, start.count);
            try {
                return runInSlices(interrupted, stopAtCount, start);
            } finally {
                target.setCodeBreakpoints(new int[0], 0, -1);
            }
        }
        for (long n = 0; ; n++) {
            if (!start.isAt()) {
                StopEvent hit = breakpointAt(target.register(I386Register.EIP));
                if (hit != null) {
                    return hit;
                }
            }
            if (target.instructionCount() >= stopAtCount || (n % SLICE == SLICE - 1 && interrupted.getAsBoolean())) {
                return StopEvent.of(StopEvent.Kind.INTERRUPTED);
            }
            StopEvent stop = afterRun(target.run(1));
            if (stop != null) {
                return stop;
            }
        }
    }

    public StopEvent resume(BooleanSupplier interrupted) {
        return resume(interrupted, Long.MAX_VALUE);
    }

    private StopEvent runFreely(BooleanSupplier interrupted, long stopAtCount) {
        return runInSlices(interrupted, stopAtCount, null);
    }

    /**
     * Runs in slices; with {@code checkedFrom} (breakpoints the target stops before by itself),
     * compares EIP with the breakpoints after each slice once execution left that start position.
     */
    private StopEvent runInSlices(BooleanSupplier interrupted, long stopAtCount, Position checkedFrom) {
        while (true) {
            if (checkedFrom != null && !checkedFrom.isAt()) {
                StopEvent hit = breakpointAt(target.register(I386Register.EIP));
                if (hit != null) {
                    return hit;
                }
            }
            long left = stopAtCount - target.instructionCount();
            if (left <= 0 || interrupted.getAsBoolean()) {
                return StopEvent.of(StopEvent.Kind.INTERRUPTED);
            }
            StopEvent stop = afterRun(target.run(Math.min(left, SLICE)));
            if (stop != null) {
                return stop;
            }
        }
    }

    /** Why a run ended, when it is a reason to stop: a watchpoint hit or the target not runnable. */
    private StopEvent afterRun(TargetState state) {
        StopEvent watch = target.takeWatchHit();
        return watch != null ? watch : stateEvent(state);
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

    private static StopEvent stateEvent(TargetState state) {
        return switch (state) {
            case RUNNABLE -> null;
            case HALTED -> StopEvent.of(StopEvent.Kind.HALTED);
            case TRIPLE_FAULT -> StopEvent.of(StopEvent.Kind.TRIPLE_FAULT);
            case EXITED -> StopEvent.of(StopEvent.Kind.EXITED);
        };
    }

    /**
     * Where a step or continue started (EIP and instruction count): a breakpoint there is not
     * checked until execution moved on, by retiring an instruction or entering an interrupt handler.
     */
    private final class Position {
        final int eip = target.register(I386Register.EIP);
        final long count = target.instructionCount();

        boolean isAt() {
            return target.instructionCount() == count && target.register(I386Register.EIP) == eip;
        }
    }
}
