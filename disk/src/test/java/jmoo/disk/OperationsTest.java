package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** export, merge in place, commit, rebase, check, map. */
class OperationsTest {
    private static final long ODD = (1L << 20) + 100;

    @TempDir
    Path dir;

    /** A base of ODD bytes, a COW over it with some sectors (one all zero, the partial last) written. */
    private Path cowWithWrites(String name) throws IOException {
        Path base = TestFiles.raw(dir.resolve(name + ".base"), ODD, 7);
        Path cow = dir.resolve(name + ".cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            d.write(0, TestFiles.sector(0, 1));
            d.write(100, ByteBuffer.allocate(512 * 3));
            d.write(1000, TestFiles.sector(1000, 1));
            d.write(d.sectors() - 1, TestFiles.sector(d.sectors() - 1, 1));
        }
        return cow;
    }

    private static byte[] chainBytes(Path top) throws IOException {
        try (CowChain d = CowChain.open(top, OpenOptions.readOnly().withoutBackingChecks())) {
            ByteBuffer b = ByteBuffer.allocate((int) d.sectors() * 512);
            d.read(0, b);
            return java.util.Arrays.copyOf(b.array(), (int) d.size());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void exportFlattensTheChainKeepingThePartialLastSector(boolean nativeRegions) throws Exception {
        Path cow = cowWithWrites("e");
        Path out = dir.resolve("flat.img");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            Flatten.toRawImage(d, out, nativeRegions ? DataRegions.get() : DataRegions.plain(), Progress.NONE);
        }
        assertEquals(ODD, Files.size(out));
        assertArrayEquals(chainBytes(cow), Files.readAllBytes(out));
        byte[] tail = TestFiles.readAll(out, ODD - 100, 100);
        assertArrayEquals(java.util.Arrays.copyOf(TestFiles.sector(ODD / 512, 1).array(), 100), tail);
        try (FileChannel ch = FileChannel.open(dir)) {
            assertTrue(dir.toFile().list().length == 3, "no temporary files left: " + List.of(dir.toFile().list()));
        }
    }

    @Test
    void anInterruptedExportLeavesNothingBehind() throws Exception {
        Path cow = cowWithWrites("i");
        Path out = dir.resolve("never.img");
        Files.writeString(out, "an older file the export would replace");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertThrows(java.io.UncheckedIOException.class, () -> Flatten.toRawImage(d, out, DataRegions.get(),
                    (done, total) -> {
                        if (done * 2 >= total) {
                            throw new java.io.UncheckedIOException(new IOException("disk full (simulated)"));
                        }
                    }));
        }
        assertEquals("an older file the export would replace", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void exportOutputsAreSparse() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeFs.available());
        Path base = TestFiles.raw(dir.resolve("s.base"), 8L << 20, 7); // data in one sector of 32
        Path cow = dir.resolve("s.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            d.write(40, TestFiles.sector(40, 1));
            d.write(64, ByteBuffer.allocate(512 * 32)); // zeros over base data: a hole in the output
        }
        Path out = dir.resolve("flat.img");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            Flatten.toRawImage(d, out, DataRegions.get(), Progress.NONE);
        }
        assertArrayEquals(chainBytes(cow), Files.readAllBytes(out));
        try (Layer l = Layer.open(out, false)) {
            List<Extent> data = Extents.of(l, DataRegions.get());
            assertEquals(new Extent(0, 8), data.get(0));
            assertEquals(new Extent(32, 16), data.get(1), "sector 32 (base) and 40 (COW) share 4 KiB blocks");
            assertEquals(new Extent(96, 8), data.get(2), "the COW zeroed 64..95, over base data at 64");
        }
    }

    @Test
    void mergeInPlaceWritesTheBackingAndLeavesTheCow() throws Exception {
        Path cow = cowWithWrites("m");
        byte[] expected = chainBytes(cow);
        byte[] cowBefore = Files.readAllBytes(cow);
        Commit.mergeInPlace(cow, null, true, Progress.NONE);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("m.base")));
        assertEquals(ODD, Files.size(dir.resolve("m.base")));
        assertArrayEquals(cowBefore, Files.readAllBytes(cow));
    }

    @Test
    void commitEmptiesTheCowAndThePairStillOpens() throws Exception {
        Path cow = cowWithWrites("c");
        byte[] expected = chainBytes(cow);
        Commit.commit(cow, null, true, Progress.NONE);
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertEquals(0, d.layers().get(0).allocatedSectors());
        }
        assertArrayEquals(expected, chainBytes(cow));
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("c.base")));
    }

    @Test
    void mergeRefusesAMismatchedBackingUnlessTold() throws Exception {
        Path cow = cowWithWrites("x");
        Path other = TestFiles.raw(dir.resolve("other"), ODD, 99);
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        assertThrows(BackingMismatchException.class, () -> Commit.mergeInPlace(cow, other, true, Progress.NONE));
        Commit.mergeInPlace(cow, other, false, Progress.NONE);
        try (CowChain d = CowChain.open(other, OpenOptions.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate(512);
            d.read(1000, b);
            assertArrayEquals(TestFiles.sector(1000, 1).array(), b.array());
        }
    }

    @Test
    void safeRebaseKeepsWhatTheDiskReads() throws Exception {
        Path cow = cowWithWrites("r");
        byte[] before = chainBytes(cow);
        Path other = TestFiles.raw(dir.resolve("other"), ODD, 1234);
        Rebase.rebase(cow, other, false, Progress.NONE);
        assertEquals(other.toRealPath().toString(), CowFiles.readHeader(cow).backingPath());
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertEquals(2, d.layers().size());
        }
        assertArrayEquals(before, chainBytes(cow));
    }

    @Test
    void unsafeRebaseOnlyRewritesTheHeader() throws Exception {
        Path cow = cowWithWrites("u");
        Path copy = dir.resolve("copy");
        Files.copy(dir.resolve("u.base"), copy);
        long allocated;
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            allocated = d.layers().get(0).allocatedSectors();
        }
        Rebase.rebase(cow, copy, true, Progress.NONE);
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertTrue(Files.isSameFile(copy, d.layers().get(1).path()));
            assertEquals(allocated, d.layers().get(0).allocatedSectors());
        }
        Path small = TestFiles.raw(dir.resolve("small"), 4096, 1);
        assertThrows(BackingMismatchException.class, () -> Rebase.rebase(cow, small, true, Progress.NONE));
    }

    @Test
    void checkFindsAndRepairsStrayBitsAndShortFiles() throws Exception {
        Path cow = cowWithWrites("k");
        CowHeader h = CowFiles.readHeader(cow);
        assertTrue(Check.run(cow, false).problems().isEmpty(), Check.run(cow, false).toString());
        long lastByte = h.bitmapOffset() + h.bitmapLength() - 1;
        byte[] b = TestFiles.readAll(cow, lastByte, 1);
        try (FileChannel ch = FileChannel.open(cow, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (b[0] | 0x80)}), lastByte);
            ch.truncate(h.dataOffset() + 1000L * 512);
        }
        CheckReport found = Check.run(cow, false);
        assertEquals(2, found.problems().size(), found.toString());
        assertFalse(found.clean());
        CheckReport fixed = Check.run(cow, true);
        assertTrue(fixed.clean(), fixed.toString());
        assertTrue(Check.run(cow, false).problems().isEmpty(), Check.run(cow, false).toString());
        Files.setLastModifiedTime(dir.resolve("k.base"), java.nio.file.attribute.FileTime.fromMillis(0));
        CheckReport stale = Check.run(cow, true);
        assertFalse(stale.clean());
        assertTrue(stale.problems().get(0).contains("mtime"), stale.toString());
    }

    @Test
    void mapListsTheExtentsOfEachLayer() throws Exception {
        Path cow = cowWithWrites("p");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertEquals(List.of(new Extent(0, 1), new Extent(100, 3), new Extent(1000, 1),
                    new Extent(d.sectors() - 1, 1)), Extents.of(d.layers().get(0), DataRegions.get()));
            List<Extent> base = Extents.of(d.layers().get(1), DataRegions.plain());
            assertEquals(List.of(new Extent(0, d.sectors())), base);
        }
    }

    @Test
    void holePunchingAndItsFallbackBothReadAsZeros() throws Exception {
        for (HolePuncher p : List.of(HolePuncher.get(), HolePuncher.fallback())) {
            Path f = TestFiles.raw(dir.resolve("h" + p.hashCode()), 1 << 20, 3);
            try (Layer l = Layer.open(f, true)) {
                p.zeroRange(l.file(), 64 * 1024, 128 * 1024);
            }
            byte[] all = Files.readAllBytes(f);
            assertEquals(1 << 20, all.length);
            assertArrayEquals(new byte[128 * 1024], java.util.Arrays.copyOfRange(all, 64 * 1024, 192 * 1024));
            assertNotEquals(0, all[192 * 1024 + 8] | all[192 * 1024 + 9] | all[192 * 1024 + 10] | all[192 * 1024 + 11]
                    | all[192 * 1024 + 12] | all[192 * 1024 + 13] | all[192 * 1024 + 14] | all[192 * 1024 + 15]);
            try (Layer l = Layer.open(f, false)) {
                boolean hole = DataRegions.get().isHole(l.file(), 64 * 1024, 128 * 1024);
                assertEquals(p == HolePuncher.get() && NativeFs.available(), hole);
            }
        }
    }
}
