package jmoo.replay;

/**
 * Where a snapshot lies in its run, beyond the machine state: which recording it was taken from
 * (the SHA-256 of the bundle's input log; "" for a run that was not replayed) and how far the
 * input log and the console output had got, so a replay can resume from the snapshot and still
 * check the whole console output.
 *
 * @param origin       the input log's SHA-256, or "" when the snapshot comes from a live run
 * @param idlePeriods  idle periods (wake-ups of a halted CPU) the run had gone through
 * @param inputBytes   console bytes delivered to the guest so far
 * @param consoleBytes console bytes the guest had written so far
 */
public record RunPoint(String origin, long idlePeriods, long inputBytes, long consoleBytes) {
    /** A snapshot of a run that is not tied to a recording. */
    public static RunPoint live(long idlePeriods, long inputBytes, long consoleBytes) {
        return new RunPoint("", idlePeriods, inputBytes, consoleBytes);
    }
}
