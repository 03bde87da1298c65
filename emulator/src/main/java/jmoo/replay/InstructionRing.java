package jmoo.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N executed instructions (instruction count and EIP), kept cheaply in two arrays that
 * wrap around: recording is two stores and an increment.
 */
public final class InstructionRing {
    /** One executed instruction: it was the {@code count}-th, at linear address {@code eip}. */
    public record Entry(long count, int eip) {
    }

    private final long[] counts;
    private final int[] eips;
    private long recorded;

    public InstructionRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        counts = new long[capacity];
        eips = new int[capacity];
    }

    public void record(long count, int eip) {
        int slot = (int) (recorded++ % counts.length);
        counts[slot] = count;
        eips[slot] = eip;
    }

    /** The kept entries, oldest first. */
    public List<Entry> entries() {
        int kept = (int) Math.min(recorded, counts.length);
        List<Entry> out = new ArrayList<>(kept);
        for (long i = recorded - kept; i < recorded; i++) {
            int slot = (int) (i % counts.length);
            out.add(new Entry(counts[slot], eips[slot]));
        }
        return out;
    }
}
