package jmoo.replay;

import java.util.function.LongSupplier;

/**
 * Where the machine's external inputs come from: console bytes for the UART and the RTC's start
 * time. Live, they come from the user (and may be recorded); in replay, from an input log at
 * exactly the recorded instruction counts. The machine's run loop uses it like this:
 *
 * <pre>
 *   rtc start time = input.startTimeEpochSeconds(cpu.instructionCount())       // once, at power-on
 *   loop:
 *     cpu.run(min(slice, input.nextDueAt() - cpu.instructionCount()))    // never run past an input
 *     while (uart can receive && input.hasByte(cpu.instructionCount()))
 *         uart.receive(input.takeByte(cpu.instructionCount()))
 *     when the CPU is halted with interrupts on and nothing pending (HALTED, or cpu.halted()
 *     after a slice that ended exactly on the HLT: both must be treated alike), at every such idle:
 *       time.skipTo(input.idleWakeNanos(cpu.instructionCount(), deadline, () -> wait and choose))
 * </pre>
 *
 * A halted CPU does not advance the instruction count, so inputs are placed by the count and the
 * number of idle periods before them: the run loop must call {@link #idleWakeNanos} at every
 * idle, paced or not, live or in replay.
 */
public interface InputSource {
    /** The RTC's start time in epoch seconds; called once, at power-on. */
    long startTimeEpochSeconds(long instructionCount);

    /**
     * The instruction count at which the next byte must be delivered, so the run loop stops
     * exactly there; {@link Long#MAX_VALUE} when no byte is scheduled (always, when live).
     */
    long nextDueAt();

    /** True when a byte is to be delivered now. */
    boolean hasByte(long instructionCount) throws ReplayDivergenceException;

    /** Takes the byte that {@link #hasByte} announced, delivering it at {@code instructionCount}. */
    int takeByte(long instructionCount);

    /**
     * The virtual time (ns) at which a CPU halted at {@code instructionCount} wakes. Live, this
     * calls {@code waitAndChoose} (which may wait in real time and return less than the deadline
     * when input arrived early) and records the answer when it is not {@code deadlineNanos};
     * in replay it returns the recorded answer, or the deadline, without waiting.
     */
    default long idleWakeNanos(long instructionCount, long deadlineNanos, LongSupplier waitAndChoose)
            throws ReplayDivergenceException {
        return waitAndChoose.getAsLong();
    }
}
