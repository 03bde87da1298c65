package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashBundleTest {
    @TempDir
    Path dir;

    private CrashBundle sample(Path inputLog) throws IOException {
        Path kernel = dir.resolve("vmlinux");
        Files.writeString(kernel, "abc");
        BundleManifest manifest = new BundleManifest("0.1.0-SNAPSHOT",
                List.of("--kernel", "vmlinux", "ubd0=root.cow,rootfs.img", "root=/dev/ubda"),
                new BundleManifest.FileDigest("vmlinux", Sha256.ofFile(kernel)), null,
                "console=ttyS0 root=/dev/ubda", 64L << 20, 10,
                List.of(new BundleManifest.DiskLayer("ubd0", 0, "rootfs.img", "00".repeat(32)),
                        new BundleManifest.DiskLayer("ubd0", 1, "root.cow", "11".repeat(32))),
                new BundleManifest.Crash("kernel panic", "Kernel panic - not syncing: sysrq triggered crash",
                        123_456_789_012L));
        RegisterSnapshot regs = new RegisterSnapshot().put("eax", 0xdeadbeef).put("eip", 0xc1000184);
        InstructionRing ring = new InstructionRing(4);
        ring.record(123_456_789_011L, 0xc1000180);
        ring.record(123_456_789_012L, 0xc1000184);
        return new CrashBundle(manifest, regs, "Linux version 6.1\r\nKernel panic\r\n".getBytes(StandardCharsets.UTF_8),
                ring.entries(), List.of("EIP: 0xc1000184 panic+0x4/0x80", "frame-pointer walk:"), inputLog);
    }

    private Path inputLog() throws IOException {
        Path log = dir.resolve("recorded-input.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            w.startTime(0, 1_764_000_000L);
            w.consoleByte(77, 0, 'x');
        }
        return log;
    }

    @Test
    void aWrittenBundleReadsBackCompletely() throws IOException {
        SystemMap map = SystemMap.read(SystemMapTest.write(dir, SystemMapTest.MAP));
        CrashBundle written = sample(inputLog());
        Path bundle = dir.resolve("crash");
        new CrashBundleWriter(map).writeNew(bundle, written);
        CrashBundle read = CrashBundleReader.read(bundle);
        assertEquals(written.manifest(), read.manifest());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", read.manifest().kernel().sha256());
        assertEquals(written.registers().values(), read.registers().values());
        assertArrayEquals(written.consoleLog(), read.consoleLog());
        assertEquals(written.recentInstructions(), read.recentInstructions());
        assertEquals(written.backtrace(), read.backtrace());
        assertArrayEquals(Files.readAllBytes(written.inputLog()), Files.readAllBytes(read.inputLog()));
        assertEquals("123456789012 0xc1000184 panic+0x4/0x80\n".length(),
                Files.readString(bundle.resolve(CrashBundle.RECENT_INSTRUCTIONS)).split("\n", 2)[1].length());
        assertTrue(Files.readString(bundle.resolve(CrashBundle.MANIFEST)).contains("\"instructionCount\": 123456789012"));
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left behind");
        }
    }

    @Test
    void anExistingDestinationIsNeverOverwritten() throws IOException {
        Path bundle = dir.resolve("crash");
        Files.createDirectory(bundle);
        assertThrows(FileAlreadyExistsException.class, () -> new CrashBundleWriter(null).writeNew(bundle, sample(null)));
    }

    @Test
    void aFailedWriteLeavesNeitherBundleNorTemporary() throws IOException {
        Path bundle = dir.resolve("crash");
        CrashBundle broken = sample(dir.resolve("no-such-input.log"));
        assertThrows(IOException.class, () -> new CrashBundleWriter(null).writeNew(bundle, broken));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("vmlinux")), left.toList());
        }
    }

    @Test
    void aRecordingDirectoryIsCompletedInPlaceKeepingItsInputLog() throws IOException {
        Path recording = Files.createDirectory(dir.resolve("rec"));
        Path log = recording.resolve(CrashBundle.INPUT_LOG);
        Files.copy(inputLog(), log);
        BundleFormatException incomplete = assertThrows(BundleFormatException.class, () -> CrashBundleReader.read(recording));
        assertTrue(incomplete.getMessage().contains("manifest.json: missing"), incomplete.getMessage());
        new CrashBundleWriter(null).completeRecording(recording, sample(log));
        CrashBundle read = CrashBundleReader.read(recording);
        assertEquals(2, InputLogReader.readAll(read.inputLog()).size());
        assertEquals("0x00000000 0xc1000184", "0x00000000 " + String.format("0x%08x", read.registers().get("eip")));
    }

    @Test
    void aBundleWithoutInputLogReadsWithNone() throws IOException {
        Path bundle = dir.resolve("crash");
        new CrashBundleWriter(null).writeNew(bundle, sample(null));
        assertNull(CrashBundleReader.read(bundle).inputLog());
        assertEquals("123456789012 0xc1000184", Files.readString(bundle.resolve(CrashBundle.RECENT_INSTRUCTIONS)).split("\n")[1]);
    }

    @Test
    void manifestErrorsNameTheFileAndTheMember() throws IOException {
        Path bundle = dir.resolve("crash");
        new CrashBundleWriter(null).writeNew(bundle, sample(null));
        Path manifest = bundle.resolve(CrashBundle.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"memoryBytes\"", "\"memory\""));
        JsonException e = assertThrows(JsonException.class, () -> CrashBundleReader.read(bundle));
        assertEquals(manifest + ": expected \"memoryBytes\" in the manifest to be an integer, it is missing", e.getMessage());
        Files.delete(bundle.resolve(CrashBundle.REGISTERS));
        Files.writeString(manifest, Json.write(sample(null).manifest().toJson()));
        assertEquals(bundle.resolve(CrashBundle.REGISTERS) + ": missing from the crash bundle",
                assertThrows(BundleFormatException.class, () -> CrashBundleReader.read(bundle)).getMessage());
    }

    @Test
    void freshDirectoriesDoNotCollide() throws IOException {
        Instant t = Instant.parse("2026-11-25T13:00:00Z");
        Path first = CrashBundleWriter.freshDirectory(dir, t);
        assertEquals(dir.resolve("jmoo-crash-20261125-130000"), first);
        Files.createDirectory(first);
        assertEquals(dir.resolve("jmoo-crash-20261125-130000-2"), CrashBundleWriter.freshDirectory(dir, t));
    }
}
