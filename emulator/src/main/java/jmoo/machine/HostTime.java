package jmoo.machine;

/**
 * The machine's only window on the host clock: the wall-clock time at power-on (the RTC's
 * start) and a monotonic clock used solely to pace an interactive guest's idle time to wall
 * time. Everything else derives from virtual time, so a replay that feeds the recorded start
 * time (and does not pace) reproduces a run exactly.
 */
public interface HostTime {
    /** Seconds since the epoch, UTC, read once at power-on. */
    long epochSeconds();

    /** A monotonic host clock in nanoseconds (pacing only; never influences guest-visible state). */
    long monotonicNanos();

    /** The real host clock. */
    static HostTime system() {
        return new HostTime() {
            @Override
            public long epochSeconds() {
                return System.currentTimeMillis() / 1000;
            }

            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }
        };
    }

    /** A fixed start time (tests, replay); its monotonic clock never advances, so nothing is paced. */
    static HostTime fixed(long epochSeconds) {
        return new HostTime() {
            @Override
            public long epochSeconds() {
                return epochSeconds;
            }

            @Override
            public long monotonicNanos() {
                return 0;
            }
        };
    }
}
