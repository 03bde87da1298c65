package jmoo.debug;

import java.util.List;

/**
 * What a debugger needs from the machine: registers, guest memory by linear address (through
 * paging when it is on), and execution one instruction or many at a time. The GDB stub and
 * {@link ExecutionControl} drive it; breakpoints are implemented on top of it, watchpoints by
 * the target as it runs.
 */
public interface DebugTarget {
    /** Reads one of the integer registers ({@link I386Register#available()}). */
    int register(I386Register r);

    void setRegister(I386Register r, int value);

    /**
     * Reads {@code length} bytes of guest memory at linear address {@code address} into
     * {@code buffer}. Stops at the first byte that is not mapped (or not RAM).
     *
     * @return the number of bytes read, from 0 to {@code length}
     */
    int readMemory(int address, byte[] buffer, int offset, int length);

    /**
     * Writes guest memory at a linear address, with the effect of the debugger writing it
     * (caches of decoded code for those bytes are dropped). Stops at the first unmapped byte.
     *
     * @return the number of bytes written
     */
    int writeMemory(int address, byte[] data, int offset, int length);

    /**
     * Executes up to {@code maxInstructions} instructions (at least one unless the machine
     * cannot run) and says why it stopped. {@code run(1)} executes exactly one instruction.
     */
    TargetState run(long maxInstructions);

    /**
     * Replaces the watchpoints: from now on a run stops right after an instruction that made an
     * access a watchpoint watches (an empty list: no checks, full speed).
     */
    void setWatchpoints(List<Watchpoint> watchpoints);

    /** The watchpoint hit that ended the last run, as a stop event (once), or null. */
    StopEvent takeWatchHit();

    /**
     * While on, a run stops right after delivering a hardware interrupt, at the handler's first
     * instruction before it executes (that run retires no instruction), so breakpoints there are
     * seen. Exceptions already end a one-instruction run at the handler's entry.
     */
    void setStopAtInterruptEntry(boolean on);

    /**
     * True when {@link #setCodeBreakpoints} makes runs stop before breakpoints by themselves;
     * otherwise the debugger steps one instruction per run and compares EIP itself.
     */
    default boolean checksCodeBreakpoints() {
        return false;
    }

    /**
     * The breakpoints a run stops before (not at the position {@code resumeEip}/{@code resumeCount},
     * which a continue starts from); an empty array turns the checks off.
     */
    default void setCodeBreakpoints(int[] eips, int resumeEip, long resumeCount) {
        throw new UnsupportedOperationException("this target does not check breakpoints itself");
    }

    /** Instructions retired since the machine started. */
    long instructionCount();
}
