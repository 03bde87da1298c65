package jmoo.devices.pc;

import jmoo.devices.ClockConversion;

/**
 * When the MC146818's periodic and update events happen in virtual time. The divider chain
 * runs from virtual time 0 in step with the seconds: update cycles end on whole virtual seconds
 * and periodic ticks fall on multiples of the period of register A's rate select bits, counted
 * in cycles of the 32.768 kHz time base.
 */
final class RtcEventClock {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long TIME_BASE_HZ = 32_768;

    private RtcEventClock() {
    }

    /**
     * Period of the periodic interrupt in time-base cycles for rate select bits RS3-RS0, or 0
     * for rate 0 (no periodic interrupt). Rates 1 and 2 are 256 Hz and 128 Hz, as on the chip
     * (the same as rates 8 and 9); rate r >= 3 is 65536 >> r Hz.
     */
    static long periodCycles(int rateSelect) {
        int r = rateSelect & 0x0F;
        if (r == 0) {
            return 0;
        }
        return r <= 2 ? 1L << (r + 6) : 1L << (r - 1);
    }

    /** Periodic ticks of {@code periodCycles} elapsed at {@code nanos}. */
    static long periodicTicks(long nanos, long periodCycles) {
        return ClockConversion.ticksAt(nanos, TIME_BASE_HZ) / periodCycles;
    }

    /** The first nanosecond after {@code nanos} at which a new periodic tick has elapsed. */
    static long nextPeriodicTick(long nanos, long periodCycles) {
        return ClockConversion.nanosOfTick((periodicTicks(nanos, periodCycles) + 1) * periodCycles, TIME_BASE_HZ);
    }

    /** Update cycles ended at {@code nanos} (one at each whole virtual second after 0). */
    static long updates(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }

    /** The end of the next update cycle after {@code nanos}. */
    static long nextUpdate(long nanos) {
        return (updates(nanos) + 1) * NANOS_PER_SECOND;
    }
}
