package jmoo.devices;

/**
 * A device with events scheduled in virtual time (the PIT's next IRQ0 edge). The machine runs
 * the CPU no further than the earliest deadline, then calls {@link #advanceTo} so the event
 * happens at a deterministic instruction count; a halted CPU skips straight to the deadline.
 */
public interface TimedDevice {
    /** No event scheduled. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /** Virtual time (ns) of the next event, or {@link #NO_DEADLINE}. */
    long nextDeadlineNanos();

    /** Performs every event due at or before {@code nowNanos} (raising IRQ lines). */
    void advanceTo(long nowNanos);
}
