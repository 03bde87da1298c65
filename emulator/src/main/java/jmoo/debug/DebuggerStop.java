package jmoo.debug;

import jmoo.cpu.Cpu;
import jmoo.replay.SliceObserver;
import jmoo.replay.StopAt;

/**
 * Stops a machine's run loop for the debugger: at an exact instruction count ({@link StopAt}),
 * or as soon as the CPU returned early for a watchpoint hit or an interrupt entry
 * ({@code DebugHooks.stopped()}), which would otherwise look like the end of an ordinary slice.
 */
public final class DebuggerStop implements SliceObserver {
    private final Cpu cpu;
    private final StopAt count;
    private boolean fired;

    public DebuggerStop(Cpu cpu, long instructionCount) {
        this.cpu = cpu;
        this.count = new StopAt(instructionCount);
    }

    @Override
    public long nextStopAt() {
        return count.nextStopAt();
    }

    @Override
    public boolean sliceEnded(long instructionCount) {
        boolean stop = count.sliceEnded(instructionCount) | cpu.debugHooks().stopped();
        fired |= stop;
        return stop;
    }

    /** True once this observer stopped the run (a QUIT without it came from somewhere else, e.g. the user). */
    public boolean fired() {
        return fired;
    }
}
