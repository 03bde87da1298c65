package jmoo.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A COW layer's allocation bitmap, held in memory: bit s is byte s>>3, mask 1<<(s&7). It
 * remembers which bytes changed since the last {@link #clearDirty()} so only those are written.
 */
public final class Bitmap {
    private final byte[] bits;
    private final long sectors;
    /** The same array as a buffer, for positional writes without a per-request allocation. */
    private final ByteBuffer view;
    /** The same array read as little-endian longs by the scans (absolute gets only). */
    private final ByteBuffer words;
    private int dirtyFrom = Integer.MAX_VALUE;
    private int dirtyTo = -1;

    Bitmap(long sectors) {
        this.sectors = sectors;
        this.bits = new byte[(int) Sizes.ceilDiv(sectors, 8)];
        this.view = ByteBuffer.wrap(bits);
        this.words = ByteBuffer.wrap(bits).order(ByteOrder.LITTLE_ENDIAN);
    }

    public long sectors() {
        return sectors;
    }

    public boolean get(long sector) {
        return (bits[(int) (sector >>> 3)] & (1 << (sector & 7))) != 0;
    }

    /** Sets bits [from, from+count); returns true when any bit was clear. */
    boolean set(long from, long count) {
        boolean changed = false;
        for (long s = from; s < from + count; s++) {
            int i = (int) (s >>> 3);
            int mask = 1 << (s & 7);
            if ((bits[i] & mask) == 0) {
                bits[i] |= (byte) mask;
                markDirty(i);
                changed = true;
            }
        }
        return changed;
    }

    /** Clears bits [from, from+count). */
    void clear(long from, long count) {
        for (long s = from; s < from + count; s++) {
            int i = (int) (s >>> 3);
            int mask = 1 << (s & 7);
            if ((bits[i] & mask) != 0) {
                bits[i] &= (byte) ~mask;
                markDirty(i);
            }
        }
    }

    private void markDirty(int i) {
        if (i < dirtyFrom) {
            dirtyFrom = i;
        }
        if (i > dirtyTo) {
            dirtyTo = i;
        }
    }

    boolean dirty() {
        return dirtyTo >= 0;
    }

    int dirtyFrom() {
        return dirtyFrom;
    }

    int dirtyTo() {
        return dirtyTo;
    }

    void clearDirty() {
        dirtyFrom = Integer.MAX_VALUE;
        dirtyTo = -1;
    }

    /** The backing array as a buffer; callers set position and limit, then reset them. */
    ByteBuffer view() {
        return view;
    }

    byte[] array() {
        return bits;
    }

    /** Number of set bits among the disk's sectors (bits past the last sector are not counted). */
    public long countSet() {
        long n = 0;
        for (byte b : bits) {
            n += Integer.bitCount(b & 0xFF);
        }
        int tail = (int) (sectors & 7);
        if (tail != 0) {
            n -= Integer.bitCount(bits[bits.length - 1] & 0xFF & (0xFF << tail));
        }
        return n;
    }

    /** The first set sector at or after {@code from}, or {@link #sectors()} when none. */
    public long nextSet(long from) {
        return nextSet(from, sectors);
    }

    /** The first clear sector at or after {@code from}, or {@link #sectors()} when none. */
    public long nextClear(long from) {
        return nextClear(from, sectors);
    }

    /**
     * Hot path (the chain's read walk): the first set sector in [from, limit), or {@code limit}
     * when none; {@code limit} at most {@link #sectors()}. Tests 64 sectors per step.
     */
    public long nextSet(long from, long limit) {
        return scan(from, limit, 0L);
    }

    /** Hot path: the first clear sector in [from, limit), or {@code limit} when none. */
    public long nextClear(long from, long limit) {
        return scan(from, limit, -1L);
    }

    /**
     * The first sector in [from, limit) whose bit differs from {@code skip}'s (all clear: 0, all
     * set: -1), one 64-bit word at a time: sector s is bit s&63 of little-endian word s>>6.
     */
    private long scan(long from, long limit, long skip) {
        if (from >= limit) {
            return limit;
        }
        int word = (int) (from >>> 6);
        long differs = (word(word) ^ skip) & (-1L << (from & 63));
        while (differs == 0) {
            word++;
            if ((long) word << 6 >= limit) {
                return limit;
            }
            differs = word(word) ^ skip;
        }
        return Math.min(limit, ((long) word << 6) + Long.numberOfTrailingZeros(differs));
    }

    /** Bits [64i, 64i+64) as a little-endian long; bytes past the array's end read as zeros. */
    private long word(int i) {
        int at = i << 3;
        if (at + Long.BYTES <= bits.length) {
            return words.getLong(at);
        }
        long w = 0;
        for (int b = bits.length - 1; b >= at; b--) {
            w = (w << 8) | (bits[b] & 0xFFL);
        }
        return w;
    }

    /** The last set sector, or -1 when none. */
    public long lastSet() {
        for (int i = bits.length - 1; i >= 0; i--) {
            if (bits[i] != 0) {
                for (int b = 7; b >= 0; b--) {
                    long s = ((long) i << 3) + b;
                    if (s < sectors && (bits[i] & (1 << b)) != 0) {
                        return s;
                    }
                }
            }
        }
        return -1;
    }

    /** Clears the bits past the last sector in the last byte. */
    void clearPastEnd() {
        long end = (long) bits.length << 3;
        clear(sectors, end - sectors);
    }

    /** True when a bit past the last sector is set (a sign of a damaged bitmap). */
    public boolean hasBitsPastEnd() {
        int last = bits.length - 1;
        int used = (int) (sectors - ((long) last << 3));
        return last >= 0 && used < 8 && (bits[last] & (0xFF << used)) != 0;
    }
}
