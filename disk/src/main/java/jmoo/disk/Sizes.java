package jmoo.disk;

/** Integer helpers Java 17 lacks. */
final class Sizes {
    private Sizes() {
    }

    /** ceil(a / b) for a >= 0, b > 0. */
    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
