package jmoo.disk;

import java.nio.ByteBuffer;

/** Zero tests on buffers. */
final class Zeros {
    private Zeros() {
    }

    /** True when bytes [from, to) of {@code b} (absolute indexes) are all zero. */
    static boolean isZero(ByteBuffer b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (b.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
