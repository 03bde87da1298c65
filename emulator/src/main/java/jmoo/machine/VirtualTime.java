package jmoo.machine;

import java.util.function.LongSupplier;
import jmoo.devices.VirtualClock;

/**
 * Guest time: retired instructions times a fixed period, plus the time skipped while the CPU
 * was halted waiting for a timer. Deterministic by construction: it depends only on the
 * instruction count and on skips made at deterministic points.
 */
public final class VirtualTime implements VirtualClock {
    /** Default period: roughly the interpreter's speed, so guest time keeps pace with wall time. */
    public static final long DEFAULT_NANOS_PER_INSTRUCTION = 10;

    private final LongSupplier instructions;
    private final long nanosPerInstruction;
    private long skippedNanos;

    public VirtualTime(LongSupplier instructions, long nanosPerInstruction) {
        if (nanosPerInstruction <= 0) {
            throw new IllegalArgumentException("nanoseconds per instruction must be positive: " + nanosPerInstruction);
        }
        this.instructions = instructions;
        this.nanosPerInstruction = nanosPerInstruction;
    }

    @Override
    public long nanos() {
        return instructions.getAsLong() * nanosPerInstruction + skippedNanos;
    }

    public long nanosPerInstruction() {
        return nanosPerInstruction;
    }

    /** Instructions to run before {@code deadlineNanos} is reached (at least 1 when it lies ahead, else 0). */
    public long instructionsUntil(long deadlineNanos) {
        long remaining = deadlineNanos - nanos();
        if (remaining <= 0) {
            return 0;
        }
        return remaining / nanosPerInstruction + (remaining % nanosPerInstruction == 0 ? 0 : 1); // no overflow
    }

    /** A halted CPU jumps to {@code deadlineNanos} (no effect if that is not in the future). */
    public void skipTo(long deadlineNanos) {
        long now = nanos();
        if (deadlineNanos > now) {
            skippedNanos += deadlineNanos - now;
        }
    }

    public long skippedNanos() {
        return skippedNanos;
    }

    /** Restores the skipped time of a snapshot (the instruction count comes from the CPU). */
    public void restoreSkippedNanos(long skipped) {
        this.skippedNanos = skipped;
    }
}
