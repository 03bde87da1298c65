package jmoo.bench.disk;

/**
 * Chooses 4 KiB block numbers for the benchmarks without allocating: uniformly random ones
 * (xorshift) for reads and overwrites, and a permutation of all blocks (an odd multiplier
 * modulo a power of two visits every block once) for first writes.
 */
final class BlockPicker {
    private final long mask;
    private long state;
    private long counter;

    /** @param blocks the number of blocks, a power of two */
    BlockPicker(long blocks, long seed) {
        if (Long.bitCount(blocks) != 1) {
            throw new IllegalArgumentException("block count must be a power of two: " + blocks);
        }
        this.mask = blocks - 1;
        this.state = seed | 1;
    }

    long random() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return x & mask;
    }

    /** The next block of a fixed random-looking order that repeats only after every block. */
    long nextUnvisited() {
        return (counter++ * 0x9E3779B97F4A7C15L) & mask;
    }

    /** How many blocks {@link #nextUnvisited()} has handed out. */
    long visited() {
        return counter;
    }
}
