package jmoo.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a guest console for the {@link DdScript} markers and keeps, per phase, the host time
 * between its BEGIN and END lines and the last line printed in between (dd's error when it
 * fails; Debian's busybox dd prints no timing line). Thread-confined: feed it from one reader.
 */
final class PhaseClock {
    /**
     * One phase's host-clock duration, its last output line, whether dd succeeded, and the guest
     * instructions executed in the phase (-1 outside jmoo).
     */
    record Timed(double seconds, String lastLine, boolean ok, long instructions) {
    }

    private final Map<String, Timed> done = new LinkedHashMap<>();
    private String current;
    private long begin;
    private long beginInstructions;
    private String lastLine = "";
    private boolean finished;

    /** Takes the next console line; returns true once the script's DONE line has been seen. */
    boolean accept(ConsoleLine line) {
        String t = line.text().trim();
        if (t.startsWith(DdScript.BEGIN)) {
            current = t.substring(DdScript.BEGIN.length()).trim();
            begin = line.wallNanos();
            beginInstructions = line.instructions();
            lastLine = "";
        } else if (t.startsWith(DdScript.END) && current != null) {
            done.put(current, new Timed((line.wallNanos() - begin) / 1e9, lastLine, t.endsWith(" rc=0"),
                    line.instructions() < 0 ? -1 : line.instructions() - beginInstructions));
            current = null;
        } else if (current != null) {
            lastLine = t;
        } else if (t.equals(DdScript.DONE)) {
            finished = true;
        }
        return finished;
    }

    boolean finished() {
        return finished;
    }

    /** The phase's timing, or null when its END line never came. */
    Timed get(String phase) {
        return done.get(phase);
    }
}
