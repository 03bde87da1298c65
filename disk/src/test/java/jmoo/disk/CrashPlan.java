package jmoo.disk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The writes a {@link CrashWriter} makes, derived from a seed so the test can recompute them:
 * round r is a batch of writes followed by a flush. Sector s written by write tag t holds
 * {@link TestFiles#sector(long, long) TestFiles.sector(s, t)}.
 */
record CrashPlan(long seed, long sectors) {
    record Write(long sector, int count, long tag) {
        ByteBuffer data() {
            ByteBuffer b = ByteBuffer.allocate(count * 512);
            for (int i = 0; i < count; i++) {
                b.put(TestFiles.sector(sector + i, tag));
            }
            return b.flip();
        }
    }

    List<Write> round(int r) {
        Random rnd = new Random(seed * 1_000_003L + r);
        int n = 1 + rnd.nextInt(12);
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int count = 1 + rnd.nextInt(8);
            long start = rnd.nextInt((int) (sectors - count + 1));
            writes.add(new Write(start, count, r * 100L + i + 1));
        }
        return writes;
    }
}
