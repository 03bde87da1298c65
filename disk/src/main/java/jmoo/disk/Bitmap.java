package jmoo.disk;

import java.nio.ByteBuffer;

/**
 * A COW layer's allocation bitmap, held in memory: bit s is byte s>>3, mask 1<<(s&7). It
 * remembers which bytes changed since the last {@link #clearDirty()} so only those are written.
 */
public final class Bitmap {
    private final byte[] bits;
    private final long sectors;
    /** The same array as a buffer, for positional writes without a per-request allocation. */
    private final ByteBuffer view;
    private int dirtyFrom = Integer.MAX_VALUE;
    private int dirtyTo = -1;

    Bitmap(long sectors) {
        this.sectors = sectors;
        this.bits = new byte[(int) Sizes.ceilDiv(sectors, 8)];
        this.view = ByteBuffer.wrap(bits);
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
        long s = from;
        while (s < sectors) {
            if ((s & 7) == 0 && bits[(int) (s >>> 3)] == 0) {
                s += 8;
                continue;
            }
            if (get(s)) {
                return s;
            }
            s++;
        }
        return sectors;
    }

    /** The first clear sector at or after {@code from}, or {@link #sectors()} when none. */
    public long nextClear(long from) {
        long s = from;
        while (s < sectors) {
            if ((s & 7) == 0 && bits[(int) (s >>> 3)] == (byte) 0xFF) {
                s += 8;
                continue;
            }
            if (!get(s)) {
                return s;
            }
            s++;
        }
        return sectors;
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
