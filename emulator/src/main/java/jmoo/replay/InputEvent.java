package jmoo.replay;

/**
 * One external input and the instruction count at which the machine took it: console bytes
 * (delivered to the UART one by one, all at that count) or the RTC's start time.
 */
public record InputEvent(Kind kind, long instructionCount, byte[] consoleBytes, long startTimeEpochSeconds) {
    /** What came from outside. */
    public enum Kind { CONSOLE, START_TIME }

    public static InputEvent console(long instructionCount, byte[] bytes) {
        return new InputEvent(Kind.CONSOLE, instructionCount, bytes.clone(), 0);
    }

    public static InputEvent startTime(long instructionCount, long epochSeconds) {
        return new InputEvent(Kind.START_TIME, instructionCount, new byte[0], epochSeconds);
    }
}
