package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-sector reads through a chain whose layers alternate in runs that start and end on,
 * just before and just after bitmap byte and word edges: each read is split where the serving
 * layer changes, and every sector comes from the topmost layer holding it.
 */
class ChainRunsTest {
    private static final int SECTORS = 2048;
    private static final int DEPTH = 4;
    private static final int[] RUN_LENGTHS = {1, 7, 8, 9, 63, 64, 65, 129};

    @TempDir
    Path dir;

    @Test
    void readsOfEveryLengthSplitWhereTheServingLayerChanges() throws Exception {
        Path base = TestFiles.raw(dir.resolve("base"), SECTORS * 512L, 42);
        int[] servedBy = new int[SECTORS];
        Arrays.fill(servedBy, DEPTH);   // the base, below every COW
        Path below = base;
        for (int level = 0; level < DEPTH; level++) {   // the bottom COW first
            Path cow = dir.resolve("l" + level + ".cow");
            CowFiles.create(cow, below, false);
            writeAlternatingRuns(cow, level, servedBy);
            below = cow;
        }
        try (CowChain d = CowChain.open(below, OpenOptions.readOnly())) {
            for (int s = 0; s < SECTORS; s++) {
                assertEquals(servedBy[s], d.layerFor(s), "sector " + s);
            }
            Random rnd = new Random(7);
            for (int i = 0; i < 400; i++) {
                int from = rnd.nextInt(SECTORS);
                int count = 1 + rnd.nextInt(Math.min(300, SECTORS - from));
                ByteBuffer got = ByteBuffer.allocate(count * 512);
                d.read(from, got);
                for (int k = 0; k < count; k++) {
                    byte[] sector = Arrays.copyOfRange(got.array(), k * 512, k * 512 + 512);
                    assertArrayEquals(expected(base, from + k, servedBy[from + k]), sector,
                            "sector " + (from + k) + " of a read of " + count + " from " + from);
                }
            }
        }
    }

    /** Layer {@code level} (0 = just above the base) holds alternate runs; the topmost writer wins. */
    private static void writeAlternatingRuns(Path cow, int level, int[] servedBy) throws IOException {
        int index = DEPTH - 1 - level;   // its index in the chain, top first
        Random rnd = new Random(level);
        boolean held = (level & 1) == 0;
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            for (int s = 0; s < SECTORS; ) {
                int len = Math.min(SECTORS - s, RUN_LENGTHS[rnd.nextInt(RUN_LENGTHS.length)]);
                for (int k = s; held && k < s + len; k++) {
                    d.write(k, TestFiles.sector(k, 100 + index));
                    servedBy[k] = index;
                }
                s += len;
                held = !held;
            }
        }
    }

    private static byte[] expected(Path base, int s, int layer) throws IOException {
        return layer == DEPTH ? TestFiles.readAll(base, s * 512L, 512) : TestFiles.sector(s, 100 + layer).array();
    }
}
