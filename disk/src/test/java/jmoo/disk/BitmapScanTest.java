package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The word-at-a-time scans against a sector-by-sector reading of the same bits. */
class BitmapScanTest {
    /** Runs of these lengths put run boundaries on, just before and just after byte and word edges. */
    private static final int[] RUN_LENGTHS = {1, 2, 7, 8, 9, 63, 64, 65, 127, 128, 129, 300};

    private static Bitmap withRuns(long sectors, long seed) {
        Bitmap b = new Bitmap(sectors);
        Random rnd = new Random(seed);
        boolean set = rnd.nextBoolean();
        for (long s = 0; s < sectors; ) {
            long len = Math.min(sectors - s, RUN_LENGTHS[rnd.nextInt(RUN_LENGTHS.length)]);
            if (set) {
                b.set(s, len);
            }
            s += len;
            set = !set;
        }
        return b;
    }

    private static long naiveNext(Bitmap b, long from, long limit, boolean wanted) {
        for (long s = from; s < limit; s++) {
            if (b.get(s) == wanted) {
                return s;
            }
        }
        return limit;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 4099})
    void scansAgreeWithSectorBySectorTestsAtEveryStartAndLimit(long sectors) {
        for (long seed = 0; seed < 8; seed++) {
            Bitmap b = withRuns(sectors, seed);
            Random rnd = new Random(seed);
            for (long from = 0; from <= sectors; from++) {
                long limit = from + rnd.nextInt((int) (sectors - from) + 1);
                String at = "sectors " + sectors + " seed " + seed + " from " + from + " limit " + limit;
                assertEquals(naiveNext(b, from, limit, true), b.nextSet(from, limit), "nextSet " + at);
                assertEquals(naiveNext(b, from, limit, false), b.nextClear(from, limit), "nextClear " + at);
                assertEquals(naiveNext(b, from, sectors, true), b.nextSet(from), "nextSet to end " + at);
                assertEquals(naiveNext(b, from, sectors, false), b.nextClear(from), "nextClear to end " + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 63, 64, 65, 4095, 4096})
    void allClearAndAllSetBitmapsScanToTheLimit(long sectors) {
        Bitmap b = new Bitmap(sectors);
        assertEquals(sectors, b.nextSet(0, sectors));
        assertEquals(0, sectors == 0 ? 0 : b.nextClear(0, sectors));
        b.set(0, sectors);
        assertEquals(sectors, b.nextClear(0, sectors));
        assertEquals(sectors / 2, b.nextSet(sectors / 2, sectors));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 61, 67, 1001})
    void bitsPastTheLastSectorAreNeverReported(long sectors) {
        Bitmap b = new Bitmap(sectors);
        byte[] bits = b.array();
        bits[bits.length - 1] = (byte) (0xFF << (sectors & 7));   // a damaged tail: only bits past the end set
        assertEquals(sectors, b.nextSet(0));
        b.set(0, sectors);
        assertEquals(sectors, b.nextClear(0));
    }
}
