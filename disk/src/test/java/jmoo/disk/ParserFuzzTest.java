package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, corrupted, huge and hostile headers and bitmaps: every read-only use of the file
 * (header, chain, sampled reads, check, map) ends quickly with a result or an IOException naming
 * the problem; never another exception, never a hang, never a write to any file.
 */
class ParserFuzzTest {
    private static final long BACKING_SIZE = 64 * 1024 + 300;
    private static final int[] FIELD_OFFSETS = {4, 8, 12, 16, 20, 24, 28, 32, 36, 264, 268, 276, 4104, 4108, 4116};

    @TempDir
    Path dir;

    @Test
    void shortRun() throws Exception {
        fuzz(400, 1);
    }

    @Test
    @Tag("slow")
    void longRun() throws Exception {
        fuzz(20_000, 99);
    }

    private void fuzz(int iterations, long seed) throws Exception {
        Path base = TestFiles.raw(dir.resolve("base"), BACKING_SIZE, 5);
        Files.setLastModifiedTime(base, FileTime.fromMillis(1_700_000_000_000L));
        Path good = dir.resolve("good.cow");
        CowFiles.create(good, base, false);
        try (CowChain d = CowChain.open(good, OpenOptions.writable())) {
            for (long s = 0; s < d.sectors(); s += 7) {
                d.write(s, TestFiles.sector(s, 1));
            }
        }
        Files.setLastModifiedTime(base, FileTime.fromMillis(1_700_000_000_000L));
        byte[] goodBytes = Files.readAllBytes(good);
        byte[] baseBytes = Files.readAllBytes(base);
        Path victim = dir.resolve("victim.cow");
        Random rnd = new Random(seed);
        for (int i = 0; i < iterations; i++) {
            byte[] mutated = mutate(goodBytes, rnd);
            Files.write(victim, mutated);
            FileTime mtime = Files.getLastModifiedTime(victim);
            String what = "iteration " + i + " (seed " + seed + ")";
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> exercise(victim, what), what);
            assertArrayEquals(mutated, Files.readAllBytes(victim), what + ": the COW was written");
            assertEquals(mtime, Files.getLastModifiedTime(victim), what);
            assertArrayEquals(baseBytes, Files.readAllBytes(base), what + ": the backing was written");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(3, files.count(), what + ": a file appeared");
            }
        }
    }

    private static byte[] mutate(byte[] good, Random rnd) {
        byte[] b = good.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncated anywhere
            }
            case 1 -> flipBytes(b, rnd, 4136); // header noise
            case 2 -> flipBytes(b, rnd, b.length); // anywhere, bitmap included
            case 3 -> hostileField(b, rnd);
            case 4 -> {
                int bitmap = 8192;
                for (int i = bitmap; i < bitmap + 32; i++) {
                    b[i] = (byte) 0xFF; // every bit, including past the last sector
                }
            }
            case 5 -> {
                ByteBuffer.wrap(b).putInt(4, 1 + rnd.nextInt(3)); // another layout over v3 bytes
                hostileField(b, rnd);
            }
            default -> {
                byte[] r = new byte[rnd.nextInt(10_000)];
                rnd.nextBytes(r);
                if (r.length >= 8) {
                    ByteBuffer.wrap(r).putInt(0, CowHeaderCodec.MAGIC).putInt(4, rnd.nextInt(5));
                }
                return r;
            }
        }
        return b;
    }

    private static void flipBytes(byte[] b, Random rnd, int within) {
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            b[rnd.nextInt(Math.min(within, b.length))] = (byte) rnd.nextInt(256);
        }
    }

    private static void hostileField(byte[] b, Random rnd) {
        int off = FIELD_OFFSETS[rnd.nextInt(FIELD_OFFSETS.length)];
        long[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 511, 513,
            4096, 1L << 40, 1L << 53, (1L << 53) + 1, 3, 1 << 24, 1 << 25, rnd.nextLong()};
        long v = values[rnd.nextInt(values.length)];
        ByteBuffer bb = ByteBuffer.wrap(b);
        if (rnd.nextBoolean() && off + 8 <= b.length) {
            bb.putLong(off, v);
        } else if (off + 4 <= b.length) {
            bb.putInt(off, (int) v);
        }
    }

    /** Every read-only use; IOExceptions are the expected outcome of a bad file, nothing else is. */
    private static void exercise(Path cow, String what) {
        attempt(what, () -> CowFiles.readHeader(cow));
        attempt(what, () -> Check.run(cow, false));
        for (OpenOptions o : List.of(OpenOptions.readOnly(), OpenOptions.readOnly().withoutBackingChecks())) {
            attempt(what, () -> {
                try (CowChain d = CowChain.open(cow, o)) {
                    sampleReads(d);
                    for (Layer l : d.layers()) {
                        Extents.of(l, DataRegions.get());
                    }
                }
                return null;
            });
        }
    }

    private static void sampleReads(CowChain d) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(8 * 512);
        long sectors = d.sectors();
        Random rnd = new Random(sectors);
        for (int i = 0; i < 64 && sectors > 0; i++) {
            long s = i < 8 ? Math.max(0, sectors - 1 - i) : (long) (rnd.nextDouble() * sectors);
            int n = (int) Math.min(8, sectors - s);
            buf.clear().limit(n * 512);
            d.read(s, buf);
        }
    }

    private interface Action {
        Object run() throws IOException;
    }

    private static void attempt(String what, Action a) {
        try {
            a.run();
        } catch (IOException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                fail(what + ": an error without a message: " + expected);
            }
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": unhandled " + e, e);
        }
    }
}
