package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import jmoo.disk.ReadOnlyDiskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskOpenerTest {
    private static final int SECTORS = 64;

    @TempDir
    Path dir;

    @Test
    void missingCowIsCreatedOverItsBackingAndTheBackingIsNeverWritten() throws Exception {
        Path base = image("base.img", 'B');
        byte[] before = Files.readAllBytes(base);
        Path cow = dir.resolve("root.cow");
        try (OpenedDisk d = open("ubd0=" + cow + "," + base)) {
            assertEquals(cow, d.createdCow());
            assertEquals(2, d.chain().layers().size());
            assertEquals('B', readSector(d, 5));
            write(d, 5, 'W');
            assertEquals('W', readSector(d, 5));
        }
        assertTrue(CowFiles.isCow(cow));
        assertArrayEquals(before, Files.readAllBytes(base));
        try (OpenedDisk again = open("ubd0=" + cow)) {
            assertNull(again.createdCow());
            assertEquals('W', readSector(again, 5));
            assertEquals('B', readSector(again, 6));
        }
    }

    @Test
    void umlOrderAndBaseFirstOrderOpenTheSameThreeLayers() throws Exception {
        Path base = image("base.img", 'B');
        Path mid = dir.resolve("mid.cow");
        Path top = dir.resolve("top.cow");
        try (OpenedDisk d = open("ubd0=" + mid + "," + base)) {
            write(d, 1, 'M');
            write(d, 2, 'M');
        }
        try (OpenedDisk d = open("ubd0=" + base + "," + mid + "," + top)) {   // base first: top created
            assertEquals(top, d.createdCow());
            write(d, 2, 'T');
        }
        for (String arg : List.of("ubd0=" + top + "," + mid + "," + base, "ubd0=" + base + ":" + mid + ":" + top,
                "ubd0=" + top)) {
            try (OpenedDisk d = open(arg)) {
                assertEquals(List.of(top, mid, base), d.chain().layers().stream().map(l -> l.path()).toList(), arg);
                assertEquals('B', readSector(d, 0), arg);
                assertEquals('M', readSector(d, 1), arg);
                assertEquals('T', readSector(d, 2), arg);
            }
        }
    }

    @Test
    void readOnlyFlagRefusesWritesAndWritesNothing() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("c.cow");
        CowFiles.create(cow, base, false);
        byte[] cowBefore = Files.readAllBytes(cow);
        try (OpenedDisk d = open("ubd1r=" + cow + "," + base)) {
            assertTrue(d.chain().readOnly());
            assertThrows(ReadOnlyDiskException.class, () -> write(d, 0, 'X'));
            assertEquals('B', readSector(d, 0));
        }
        assertArrayEquals(cowBefore, Files.readAllBytes(cow));
    }

    @Test
    void plainImageWithDFlagIsWrittenInPlace() throws Exception {
        Path img = image("plain.img", 'P');
        try (OpenedDisk d = open("ubd2d=" + img)) {
            assertEquals(1, d.chain().layers().size());
            write(d, 3, 'Q');
        }
        assertEquals('Q', Files.readAllBytes(img)[3 * 512]);
    }

    @Test
    void dFlagRefusesACow() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("c.cow");
        CowFiles.create(cow, base, false);
        assertError("ubd0d=" + cow, "ubd0d=" + cow + ": " + cow + ": is a COW file, but the d flag means a plain image");
    }

    @Test
    void syncFlagMakesThePortBlockFlushAfterEveryWrite() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("s.cow");
        try (OpenedDisk d = open("ubd0s=" + cow + "," + base)) {
            assertTrue(d.toUbdDisk().syncWrites());
            write(d, 4, 'S');
        }
        try (OpenedDisk d = open("ubd0=" + cow + "," + base)) {
            assertFalse(d.toUbdDisk().syncWrites());
        }
    }

    @Test
    void errorsNameTheArgumentTheFileAndTheReason() throws Exception {
        Path base = image("base.img", 'B');
        Path other = image("other.img", 'O');
        Path missing = dir.resolve("nope.img");
        assertError("ubd0=" + missing, "ubd0=" + missing + ": " + missing + ": no such file (to create a COW, name its backing");
        assertError("ubd0=" + dir.resolve("x.cow") + "," + missing, "ubd0=" + dir.resolve("x.cow") + "," + missing
                + ": " + missing + ": no such file");
        assertFalse(Files.exists(dir.resolve("x.cow")));
        assertError("ubd0d=" + missing, "ubd0d=" + missing + ": " + missing + ": no such file");
        assertError("ubd0=" + base + "," + other, "ubd0=" + base + "," + other + ": " + other
                + ": is not a COW file; only the base of a chain (the first file) may be a plain image");
    }

    @Test
    void aChainThatCannotOpenLeavesNoCreatedCowBehind() throws Exception {
        Path base = image("base.img", 'B');
        Path other = image("other.img", 'O');
        Path cow = dir.resolve("new.cow");
        assertError("ubd0=" + cow + "," + base + "," + other, "ubd0=" + cow + "," + base + "," + other + ": " + base
                + ": is not a COW file; only the base of a chain (the last file) may be a plain image");
        assertFalse(Files.exists(cow));
    }

    @Test
    void backingOfAnotherSizeIsRefused() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("c.cow");
        CowFiles.create(cow, base, false);
        Path bigger = dir.resolve("bigger.img");
        Files.write(bigger, new byte[SECTORS * 512 * 2]);
        UserError e = assertThrows(UserError.class, () -> open("ubd0=" + cow + "," + bigger));
        assertTrue(e.getMessage().startsWith("ubd0=" + cow + "," + bigger + ": " + cow + ": backing file"), e.getMessage());
    }

    @Test
    void aSecondWriterOfTheSameCowIsRefused() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("c.cow");
        try (OpenedDisk first = open("ubd0=" + cow + "," + base)) {
            UserError e = assertThrows(UserError.class, () -> open("ubd1=" + cow + "," + base));
            assertTrue(e.getMessage().startsWith("ubd1=" + cow + "," + base + ": " + cow + ": already open for writing"),
                    e.getMessage());
        }
    }

    @Test
    void chainsUsedInTestsAreReadableByTheEngineDirectly() throws Exception {
        Path base = image("base.img", 'B');
        Path cow = dir.resolve("c.cow");
        try (OpenedDisk d = open("ubd0=" + cow + "," + base)) {
            write(d, 9, 'Z');
        }
        try (CowChain c = CowChain.open(cow, OpenOptions.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate(512);
            c.read(9, b);
            assertEquals('Z', b.get(0));
        }
    }

    private void assertError(String arg, String messageStart) {
        UserError e = assertThrows(UserError.class, () -> open(arg));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static OpenedDisk open(String arg) throws UserError {
        return DiskOpener.open(UbdArgument.parse(arg));
    }

    private Path image(String name, char fill) throws IOException {
        byte[] b = new byte[SECTORS * 512];
        java.util.Arrays.fill(b, (byte) fill);
        return Files.write(dir.resolve(name), b);
    }

    static void write(OpenedDisk d, long sector, char fill) throws IOException {
        byte[] b = new byte[512];
        java.util.Arrays.fill(b, (byte) fill);
        d.chain().write(sector, ByteBuffer.wrap(b));
    }

    static char readSector(OpenedDisk d, long sector) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        d.chain().read(sector, b);
        return (char) b.get(0);
    }
}
