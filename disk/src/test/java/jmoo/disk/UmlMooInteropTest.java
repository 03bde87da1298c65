package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our merges against the real uml_moo, both modes. Equal output, except where we deliberately do
 * better: uml_moo drops the partial last sector of an odd-sized disk; we keep it.
 */
class UmlMooInteropTest {
    @TempDir
    Path dir;

    private Path ourCow(Path base, long size, long seed) throws IOException {
        TestFiles.raw(base, size, seed);
        Path cow = base.resolveSibling(base.getFileName() + ".cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            Random rnd = new Random(seed);
            for (int i = 0; i < 40; i++) {
                long s = rnd.nextInt((int) d.sectors());
                d.write(s, TestFiles.sector(s, 77));
            }
            d.write(1, java.nio.ByteBuffer.allocate(512));
            d.write(d.sectors() - 1, TestFiles.sector(d.sectors() - 1, 77));
        }
        return cow;
    }

    private static byte[] flatten(Path cow) throws IOException {
        Path out = cow.resolveSibling(cow.getFileName() + ".ours");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            Flatten.toRawImage(d, out, DataRegions.get(), Progress.NONE);
        }
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 20, (1L << 20) + 100, 2053L * 512, 1000})
    void mergeIntoANewFileEqualsUmlMoo(long size) throws Exception {
        Oracles.require("uml_moo");
        Path cow = ourCow(dir.resolve("base"), size, size);
        Oracles.run(dir, "uml_moo", cow.toString(), "theirs.img");
        byte[] theirs = Files.readAllBytes(dir.resolve("theirs.img"));
        byte[] ours = flatten(cow);
        long whole = size / 512 * 512;
        assertEquals(whole, theirs.length, "uml_moo drops the partial last sector");
        assertEquals(size, ours.length, "we keep it");
        assertArrayEquals(theirs, Arrays.copyOf(ours, theirs.length));
        if (size != whole) {
            byte[] written = Arrays.copyOf(TestFiles.sector(size / 512, 77).array(), (int) (size - whole));
            assertArrayEquals(written, Arrays.copyOfRange(ours, (int) whole, (int) size));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 20, (1L << 20) + 100})
    void mergeInPlaceEqualsUmlMooDashD(long size) throws Exception {
        Oracles.require("uml_moo");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path cowA = ourCow(dir.resolve("a/base"), size, 5);
        Path cowB = ourCow(dir.resolve("b/base"), size, 5);
        Oracles.run(dir, "uml_moo", "-d", cowA.toString());
        Commit.mergeInPlace(cowB, null, true, Progress.NONE);
        byte[] theirs = Files.readAllBytes(dir.resolve("a/base"));
        byte[] ours = Files.readAllBytes(dir.resolve("b/base"));
        assertEquals(size, ours.length);
        long whole = size / 512 * 512;
        assertArrayEquals(Arrays.copyOf(theirs, (int) whole), Arrays.copyOf(ours, (int) whole));
        byte[] expectedTail = Arrays.copyOf(TestFiles.sector(size / 512, 77).array(), (int) (size - whole));
        assertArrayEquals(expectedTail, Arrays.copyOfRange(ours, (int) whole, (int) size), "we merge the partial sector");
    }

    @ParameterizedTest
    @EnumSource(CowVersion.class)
    void handmadeCowsOfEveryVersionMergeLikeUmlMoo(CowVersion version) throws Exception {
        Oracles.require("uml_moo");
        long size = 64L * 4096; // a whole number of bitmap bytes at v1/v2's rounding
        Path base = TestFiles.raw(dir.resolve("base"), size, 3);
        Path cow = dir.resolve("hand.cow");
        long mtime = BackingCheck.mtimeSeconds(base);
        HandmadeCow.write(cow, version, base.toString(), size, mtime);
        for (long s : new long[] {0, 7, 8, 100, 511}) {
            HandmadeCow.put(cow, version, size, s, TestFiles.sector(s, 9).array());
        }
        Oracles.run(dir, "uml_moo", cow.toString(), "theirs.img");
        byte[] ours = flatten(cow);
        assertArrayEquals(Files.readAllBytes(dir.resolve("theirs.img")), ours);
        assertArrayEquals(TestFiles.sector(100, 9).array(), Arrays.copyOfRange(ours, 100 * 512, 101 * 512));
    }
}
