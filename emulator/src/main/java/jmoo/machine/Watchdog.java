package jmoo.machine;

import jmoo.devices.TimedDevice;

/**
 * The no-progress watchdog: the guest has made no progress for a configured span of virtual time.
 * Progress is what a healthy guest shows even when nobody is typing: console output, a request
 * on the ubd/machine-control ports, console input delivered to it, the CPU idling (HLT with
 * interrupts enabled), or the CPU found running user code (CPL 3) when a timer deadline passes.
 * A kernel spinning with interrupts off, or looping in kernel mode with no output and no I/O,
 * shows none of these.
 *
 * <p>Every mark is taken at an exact instruction count (a device access, a slice that ends at a
 * deadline), and the run loop ends a slice exactly at {@link #deadlineNanos()}, so the watchdog
 * fires at the same instruction in a run and in its replay. The last progress time is machine
 * state (saved in snapshots and hashed); the limit is configuration.
 */
public final class Watchdog {
    /** The limit that disables the watchdog. */
    public static final long OFF = 0;

    private long limitNanos = OFF;
    private long lastProgressNanos;

    /** Sets the span of virtual time without progress that counts as a hang ({@link #OFF}: never). */
    public void setLimitNanos(long limitNanos) {
        if (limitNanos < 0) {
            throw new IllegalArgumentException("watchdog limit must not be negative: " + limitNanos);
        }
        this.limitNanos = limitNanos;
    }

    public long limitNanos() {
        return limitNanos;
    }

    /** The guest made progress at virtual time {@code nowNanos}. */
    public void progress(long nowNanos) {
        lastProgressNanos = Math.max(lastProgressNanos, nowNanos);
    }

    public long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** Restores the last progress time of a snapshot. */
    public void restoreLastProgressNanos(long nanos) {
        lastProgressNanos = nanos;
    }

    /** When the watchdog fires unless there is progress before (virtual ns); NO_DEADLINE when off. */
    public long deadlineNanos() {
        if (limitNanos == OFF || lastProgressNanos > Long.MAX_VALUE - limitNanos) {
            return TimedDevice.NO_DEADLINE;
        }
        return lastProgressNanos + limitNanos;
    }

    /** True when, at {@code nowNanos}, the limit has passed without progress. */
    public boolean expired(long nowNanos) {
        return nowNanos >= deadlineNanos();
    }

    /** The crash reason: starts with "watchdog", names the limit and the last progress. */
    public String reason() {
        return String.format("watchdog: no progress for %s s of virtual time (last progress at %.6f s)",
                seconds(limitNanos), lastProgressNanos / 1e9);
    }

    /** Whole or fractional seconds as the user would write them: 5, 0.25. */
    public static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
