package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CowChainTest {
    @TempDir
    Path dir;

    private Path base(long size) throws IOException {
        return TestFiles.raw(dir.resolve("base"), size, 42);
    }

    private static byte[] read(BlockDevice d, long sector, int count, boolean direct) throws IOException {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(count * 512) : ByteBuffer.allocate(count * 512);
        d.read(sector, b);
        assertFalse(b.hasRemaining());
        byte[] out = new byte[count * 512];
        b.flip().get(out);
        return out;
    }

    private static byte[] rawSector(Path file, long s) throws IOException {
        return TestFiles.readAll(file, s * 512, 512);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsMissToBackingAndHitTheTop(boolean direct) throws Exception {
        Path base = base(1 << 20);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            assertEquals(1 << 20, d.size());
            assertEquals(2048, d.sectors());
            assertArrayEquals(rawSector(base, 0), read(d, 0, 1, direct));
            ByteBuffer w = direct ? ByteBuffer.allocateDirect(1024) : ByteBuffer.allocate(1024);
            w.put(TestFiles.sector(5, 7)).put(TestFiles.sector(6, 7)).flip();
            d.write(5, w);
            assertFalse(w.hasRemaining());
            byte[] got = read(d, 4, 4, direct);
            assertArrayEquals(rawSector(base, 4), java.util.Arrays.copyOfRange(got, 0, 512));
            assertArrayEquals(TestFiles.sector(5, 7).array(), java.util.Arrays.copyOfRange(got, 512, 1024));
            assertArrayEquals(TestFiles.sector(6, 7).array(), java.util.Arrays.copyOfRange(got, 1024, 1536));
            assertArrayEquals(rawSector(base, 7), java.util.Arrays.copyOfRange(got, 1536, 2048));
        }
        // the backing is untouched and the COW keeps the data
        assertEquals(-1, Files.mismatch(base, TestFiles.raw(dir.resolve("again"), 1 << 20, 42)));
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertArrayEquals(TestFiles.sector(6, 7).array(), read(d, 6, 1, false));
            assertEquals(2, ((CowLayer) d.layers().get(0)).allocatedSectors());
        }
    }

    @Test
    void chainsOfAnyDepthReadTheTopmostCopy() throws Exception {
        Path base = base(64 * 1024);
        List<Path> files = new ArrayList<>();
        Path below = base;
        for (int i = 0; i < 16; i++) {
            Path cow = dir.resolve("l" + i + ".cow");
            CowFiles.create(cow, below, false);
            try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
                d.write(i, TestFiles.sector(i, 100 + i));
                d.write(20, TestFiles.sector(20, 100 + i));
            }
            files.add(cow);
            below = cow;
        }
        try (CowChain d = CowChain.open(below, OpenOptions.readOnly())) {
            assertEquals(17, d.layers().size());
            for (int i = 0; i < 16; i++) {
                assertArrayEquals(TestFiles.sector(i, 100 + i).array(), read(d, i, 1, false));
            }
            assertArrayEquals(TestFiles.sector(20, 115).array(), read(d, 20, 1, true));
            assertArrayEquals(rawSector(base, 30), read(d, 30, 1, false));
            assertEquals(0, d.layerFor(20));
            assertEquals(15, d.layerFor(0));
            assertEquals(16, d.layerFor(30));
        }
    }

    @Test
    void umlOrderAndBaseFirstOrderOpenTheSameChain() throws Exception {
        Path base = base(64 * 1024);
        Path mid = dir.resolve("previous.cow");
        Path top = dir.resolve("current.cow");
        CowFiles.create(mid, base, false);
        try (CowChain d = CowChain.open(mid, OpenOptions.writable())) {
            d.write(1, TestFiles.sector(1, 1));
        }
        CowFiles.create(top, mid, false);
        try (CowChain d = CowChain.open(List.of(top, mid), OpenOptions.writable())) {
            d.write(2, TestFiles.sector(2, 2));
        }
        try (CowChain uml = CowChain.open(List.of(top, mid, base), OpenOptions.readOnly());
                CowChain seed = CowChain.open(List.of(base, mid, top), OpenOptions.readOnly())) {
            assertEquals(List.of(top, mid, base), uml.layers().stream().map(Layer::path).toList());
            assertEquals(List.of(top, mid, base), seed.layers().stream().map(Layer::path).toList());
            for (long s = 0; s < 4; s++) {
                assertArrayEquals(read(uml, s, 1, false), read(seed, s, 1, false));
            }
            assertArrayEquals(TestFiles.sector(1, 1).array(), read(seed, 1, 1, false));
            assertArrayEquals(TestFiles.sector(2, 2).array(), read(seed, 2, 1, false));
        }
    }

    @Test
    void relativeHeaderPathsResolveBesideTheCowFirst() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Path base = TestFiles.raw(dir.resolve("d/base"), 8192, 3);
        Path cow = dir.resolve("d/top.cow");
        CowFiles.create(cow, base, false);
        rewritePath(cow, "base");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            assertTrue(Files.isSameFile(base, d.layers().get(1).path()));
        }
        rewritePath(cow, "missing");
        DiskOpenException e = assertThrows(DiskOpenException.class, () -> CowChain.open(cow, OpenOptions.readOnly()));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().startsWith(cow.toString()), e.getMessage());
    }

    /**
     * Rewrites a header's backing path in place, keeping the file's mtime: a COW stacked on this
     * one recorded that mtime, and a second boundary crossed during the rewrite must not make
     * the chain's backing check fail.
     */
    private static void rewritePath(Path cow, String path) throws IOException {
        CowHeader h = CowFiles.readHeader(cow);
        FileTime mtime = Files.getLastModifiedTime(cow);
        try (var ch = java.nio.channels.FileChannel.open(cow, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(CowHeaderCodec.encode(cow, h.withBackingPath(path)), 0);
        }
        Files.setLastModifiedTime(cow, mtime);
    }

    @Test
    void aHeaderNamingAFifoOrAFolderIsRefusedWithoutBlocking() throws Exception {
        Path base = base(8192);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path target : List.of(fifo, dir)) {
            rewritePath(cow, target.toString());
            DiskOpenException e = assertThrows(DiskOpenException.class,
                    () -> CowChain.open(cow, OpenOptions.readOnly().withoutBackingChecks()));
            assertTrue(e.getMessage().startsWith(target.toString()), e.getMessage());
        }
    }

    @Test
    void cyclesAndAbsurdDepthsAreRefused() throws Exception {
        Path base = base(8192);
        Path a = dir.resolve("a.cow");
        Path b = dir.resolve("b.cow");
        CowFiles.create(a, base, false);
        CowFiles.create(b, a, false);
        rewritePath(a, b.toString());
        DiskOpenException loop = assertThrows(DiskOpenException.class,
                () -> CowChain.open(b, OpenOptions.readOnly().withoutBackingChecks()));
        assertTrue(loop.getMessage().contains("loops"), loop.getMessage());
        rewritePath(a, base.toString());
        DiskOpenException deep = assertThrows(DiskOpenException.class,
                () -> CowChain.open(b, OpenOptions.readOnly().withMaxDepth(2)));
        assertTrue(deep.getMessage().contains("deeper than 2"), deep.getMessage());
        assertEquals(3, CowChain.open(b, OpenOptions.readOnly()).layers().size());
    }

    @Test
    void backingSizeAndMtimeAreCheckedUnlessOverridden() throws Exception {
        Path base = base(8192);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        Files.setLastModifiedTime(base, FileTime.fromMillis(Files.getLastModifiedTime(base).toMillis() + 5000));
        BackingMismatchException mtime = assertThrows(BackingMismatchException.class,
                () -> CowChain.open(cow, OpenOptions.readOnly()));
        assertTrue(mtime.getMessage().contains("mtime"), mtime.getMessage());
        CowChain.open(cow, OpenOptions.readOnly().withoutBackingChecks()).close();
        // same second, other milliseconds: whole seconds only, as UML
        long recorded = CowFiles.readHeader(cow).mtime();
        Files.setLastModifiedTime(base, FileTime.fromMillis(recorded * 1000 + 999));
        CowChain.open(cow, OpenOptions.readOnly()).close();
        Files.write(base, new byte[512], java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(base, FileTime.fromMillis(recorded * 1000));
        BackingMismatchException size = assertThrows(BackingMismatchException.class,
                () -> CowChain.open(cow, OpenOptions.readOnly()));
        assertTrue(size.getMessage().contains("size 8704"), size.getMessage());
    }

    @Test
    void anotherPathToTheSameBackingIsAcceptedAndRecordedWhenWritable() throws Exception {
        Path base = base(8192);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        Path moved = dir.resolve("moved");
        Files.move(base, moved);
        assertThrows(DiskOpenException.class, () -> CowChain.open(cow, OpenOptions.readOnly()));
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly().withBacking(moved))) {
            assertEquals(2, d.layers().size());
        }
        assertEquals(base.toString(), CowFiles.readHeader(cow).backingPath(), "read-only open leaves the header");
        CowChain.open(List.of(cow, moved), OpenOptions.writable()).close();
        assertEquals(moved.toRealPath().toString(), CowFiles.readHeader(cow).backingPath());
        CowChain.open(cow, OpenOptions.readOnly()).close();
    }

    @Test
    void oneWriterPerFileAndBackingsAreNeverOpenedForWriting() throws Exception {
        Path base = base(8192);
        Path cow = dir.resolve("top.cow");
        Path other = dir.resolve("other.cow");
        CowFiles.create(cow, base, false);
        CowFiles.create(other, base, false);
        try (CowChain w = CowChain.open(cow, OpenOptions.writable());
                CowChain w2 = CowChain.open(other, OpenOptions.writable())) {
            assertFalse(w.layers().get(1).writable());
            DiskLockedException second = assertThrows(DiskLockedException.class,
                    () -> CowChain.open(cow, OpenOptions.writable()));
            assertTrue(second.getMessage().startsWith(cow.toString()), second.getMessage());
            assertThrows(DiskLockedException.class, () -> CowChain.open(base, OpenOptions.writable()));
            assertThrows(DiskLockedException.class, () -> CowChain.open(cow, OpenOptions.readOnly()));
        }
        CowChain.open(cow, OpenOptions.writable()).close();
    }

    @Test
    void readOnlyChainsRefuseWrites() throws Exception {
        Path base = base(8192);
        try (CowChain d = CowChain.open(base, OpenOptions.readOnly())) {
            assertTrue(d.readOnly());
            assertThrows(ReadOnlyDiskException.class, () -> d.write(0, ByteBuffer.allocate(512)));
            assertThrows(ReadOnlyDiskException.class, () -> d.discard(0, 1));
        }
    }

    @Test
    void requestsOutsideTheDiskOrNotWholeSectorsAreRejected() throws Exception {
        Path base = base(8192);
        try (CowChain d = CowChain.open(base, OpenOptions.readOnly())) {
            assertThrows(IllegalArgumentException.class, () -> d.read(16, ByteBuffer.allocate(512)));
            assertThrows(IllegalArgumentException.class, () -> d.read(0, ByteBuffer.allocate(100)));
            assertThrows(IllegalArgumentException.class, () -> d.read(-1, ByteBuffer.allocate(512)));
        }
    }

    @Test
    void partialLastSectorAndTinyBackingsWork() throws Exception {
        Path base = TestFiles.raw(dir.resolve("tiny"), 1000, 9);
        Path cow = dir.resolve("tiny.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            assertEquals(2, d.sectors());
            byte[] last = read(d, 1, 1, false);
            assertArrayEquals(java.util.Arrays.copyOf(TestFiles.readAll(base, 512, 488), 512), last);
            d.write(1, TestFiles.sector(1, 5));
            assertArrayEquals(TestFiles.sector(1, 5).array(), read(d, 1, 1, false));
        }
        assertEquals(1000, Files.size(base));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 511, 512, 4096, 32 * 1024 - 1, 32 * 1024})
    void tinyBackingsTakeWritesToEverySector(long size) throws Exception {
        Path base = TestFiles.raw(dir.resolve("tiny"), size, 4);
        byte[] original = Files.readAllBytes(base);
        Path cow = dir.resolve("tiny.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            assertEquals(size, d.size());
            for (long s = 0; s < d.sectors(); s++) {
                d.write(s, TestFiles.sector(s, 8));
            }
            d.flush();
        }
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            for (long s = 0; s < d.sectors(); s++) {
                assertArrayEquals(TestFiles.sector(s, 8).array(), read(d, s, 1, false));
            }
            assertEquals(d.sectors(), d.layers().get(0).allocatedSectors());
        }
        assertArrayEquals(original, Files.readAllBytes(base));
    }

    @Test
    void anEmptyBackingMakesAnEmptyDisk() throws Exception {
        Path base = Files.createFile(dir.resolve("empty"));
        Path cow = dir.resolve("empty.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            assertEquals(0, d.sectors());
            d.read(0, ByteBuffer.allocate(0));
            assertThrows(IllegalArgumentException.class, () -> d.read(0, ByteBuffer.allocate(512)));
        }
    }

    @Test
    void discardMakesSectorsReadZeroInTheTopOnly() throws Exception {
        Path base = base(64 * 1024);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            d.write(3, TestFiles.sector(3, 1));
            d.discard(2, 3);
            for (long s = 2; s < 5; s++) {
                assertArrayEquals(new byte[512], read(d, s, 1, false));
            }
            assertArrayEquals(rawSector(base, 5), read(d, 5, 1, false));
        }
        assertFalse(java.util.Arrays.equals(new byte[512], rawSector(base, 2)));
    }

    @Test
    void aCorruptLayerIsAFormatErrorNamingIt() throws Exception {
        Path base = base(8192);
        Path cow = dir.resolve("top.cow");
        CowFiles.create(cow, base, false);
        try (var ch = java.nio.channels.FileChannel.open(cow, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(5000);
        }
        CowFormatException e = assertThrows(CowFormatException.class, () -> CowChain.open(cow, OpenOptions.readOnly()));
        assertInstanceOf(IOException.class, e);
        assertTrue(e.getMessage().startsWith(cow.toString()), e.getMessage());
    }
}
