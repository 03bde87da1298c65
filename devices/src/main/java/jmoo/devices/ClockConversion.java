package jmoo.devices;

/**
 * Exact conversions between virtual nanoseconds and the ticks of a device clock of a given
 * frequency, without overflow for any run length a guest can reach (the products are split).
 * {@code ticksAt(nanosOfTick(t)) >= t} always holds, so an event scheduled for tick t has
 * happened by the nanosecond returned for it.
 */
public final class ClockConversion {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ClockConversion() {
    }

    /** Whole ticks of a {@code hz} clock elapsed at {@code nanos} (rounded down). */
    public static long ticksAt(long nanos, long hz) {
        return nanos / NANOS_PER_SECOND * hz + nanos % NANOS_PER_SECOND * hz / NANOS_PER_SECOND;
    }

    /** The first nanosecond at which tick {@code tick} of a {@code hz} clock has elapsed (rounded up). */
    public static long nanosOfTick(long tick, long hz) {
        long whole = tick / hz * NANOS_PER_SECOND;
        long rest = tick % hz * NANOS_PER_SECOND;
        return whole + (rest + hz - 1) / hz;
    }
}
