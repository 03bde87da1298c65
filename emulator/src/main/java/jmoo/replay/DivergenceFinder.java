package jmoo.replay;

import java.util.List;

/**
 * Finds the first instruction at which two runs of a machine differ: first the earliest
 * checkpoint interval whose hashes differ, then a bisection inside it by re-running both from
 * the start (runs only move forward, so a step back costs a restart; at most log2(interval)).
 */
public final class DivergenceFinder {
    private DivergenceFinder() {
    }

    /**
     * The index of the first checkpoint whose hash differs between the two lists (compared
     * pairwise; the counts must match), or -1 when all shared checkpoints agree.
     */
    public static int firstDifferingCheckpoint(List<Checkpoint> expected, List<Checkpoint> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (expected.get(i).instructionCount() != actual.get(i).instructionCount()) {
                throw new IllegalArgumentException("checkpoint " + i + " is at instruction "
                        + expected.get(i).instructionCount() + " in one run and "
                        + actual.get(i).instructionCount() + " in the other");
            }
            if (!expected.get(i).hash().equals(actual.get(i).hash())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Bisects {@code (lastEqual, firstDiffering]} down to one instruction. The states must be
     * equal after {@code lastEqual} instructions and differ after {@code firstDiffering}.
     */
    public static Divergence bisect(HashingRun.Factory expected, HashingRun.Factory actual, long lastEqual,
            long firstDiffering) throws Exception {
        if (firstDiffering <= lastEqual) {
            throw new IllegalArgumentException("empty interval (" + lastEqual + ", " + firstDiffering + "]");
        }
        long lo = lastEqual;
        long hi = firstDiffering;
        StateHash hiExpected = null;
        StateHash hiActual = null;
        HashingRun a = expected.start();
        HashingRun b = actual.start();
        long position = 0;
        try {
            while (hi - lo > 1 || hiExpected == null) {
                long probe = hi - lo > 1 ? lo + (hi - lo) / 2 : hi;
                if (probe < position) {
                    a.close();
                    b.close();
                    a = expected.start();
                    b = actual.start();
                }
                StateHash ha = a.runToAndHash(probe);
                StateHash hb = b.runToAndHash(probe);
                position = probe;
                if (ha.equals(hb)) {
                    if (probe == hi) {
                        throw new IllegalArgumentException("the runs do not differ after " + hi + " instructions");
                    }
                    lo = probe;
                } else {
                    hi = probe;
                    hiExpected = ha;
                    hiActual = hb;
                }
            }
            return new Divergence(lo, hi, hiExpected, hiActual);
        } finally {
            a.close();
            b.close();
        }
    }
}
