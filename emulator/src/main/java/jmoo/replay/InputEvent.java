package jmoo.replay;

/**
 * One external input and the instruction count at which the machine took it: console bytes
 * (delivered to the UART one by one, all at that count), the RTC's start time, or the virtual
 * time at which a halted CPU woke when that was not its timer deadline (a paced, interactive run
 * woken early by typing: wall time leaked into virtual time there, so it is an input too).
 *
 * @param value the start time in epoch seconds (START_TIME) or the wake time in virtual ns (IDLE_WAKE)
 * @param idleOrdinal IDLE_WAKE: which idle period ended (1 = the first HLT wait); CONSOLE: how
 *     many idle periods preceded the delivery
 */
public record InputEvent(Kind kind, long instructionCount, byte[] consoleBytes, long value, long idleOrdinal) {
    /** What came from outside. */
    public enum Kind { CONSOLE, START_TIME, IDLE_WAKE }

    public static InputEvent console(long instructionCount, long idleOrdinal, byte[] bytes) {
        return new InputEvent(Kind.CONSOLE, instructionCount, bytes.clone(), 0, idleOrdinal);
    }

    public static InputEvent startTime(long instructionCount, long epochSeconds) {
        return new InputEvent(Kind.START_TIME, instructionCount, new byte[0], epochSeconds, 0);
    }

    public static InputEvent idleWake(long instructionCount, long idleOrdinal, long wakeNanos) {
        return new InputEvent(Kind.IDLE_WAKE, instructionCount, new byte[0], wakeNanos, idleOrdinal);
    }

    public long startTimeEpochSeconds() {
        return value;
    }

    public long wakeNanos() {
        return value;
    }
}
