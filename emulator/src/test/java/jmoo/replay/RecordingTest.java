package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir
    Path dir;

    private static BundleManifest manifest() {
        return new BundleManifest("test", List.of("--kernel", "/k"), new BundleManifest.FileDigest("/k", "ab".repeat(32)),
                null, "console=ttyS0", 1 << 20, 10, List.of(), new BundleManifest.Crash("triple fault", "", 321));
    }

    private static void run(Recording rec, ByteArrayOutputStream screen) throws IOException {
        LiveInputSource input = rec.inputSource(() -> 1_700_000_000L);
        input.startTimeEpochSeconds(0);
        IntConsumer console = rec.teeConsole(screen::write);
        for (byte b : "login: ".getBytes()) {
            console.accept(b);
        }
        input.offer("root\n".getBytes(), 0, 5);
        for (int i = 0; i < 5; i++) {
            console.accept(input.takeByte(100 + i));
        }
    }

    @Test
    void aRecordDirectoryBecomesTheBundle() throws IOException {
        Path recDir = dir.resolve("rec");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Recording rec = Recording.into(recDir)) {
            run(rec, screen);
            Path bundle = rec.finish(new CrashBundleWriter(null), manifest(), new RegisterSnapshot().put("eip", 5),
                    List.of(), List.of("EIP: 0x00000005"), dir.resolve("unused"));
            assertEquals(recDir, bundle);
        }
        assertEquals("login: root\n", screen.toString(), "the console still reaches the screen");
        CrashBundle b = CrashBundleReader.read(recDir);
        assertArrayEquals("login: root\n".getBytes(), b.consoleLog());
        assertEquals(6, InputLogReader.readAll(b.inputLog()).size(), "start time and five bytes at five counts");
        assertEquals(321, b.manifest().crash().instructionCount());
        assertFalse(Files.exists(dir.resolve("unused")));
    }

    @Test
    void aTemporaryRecordingIsCopiedToAFreshBundleOnlyOnACrashAndThenDeleted() throws IOException {
        Path tmp;
        try (Recording rec = Recording.temporary()) {
            tmp = rec.directory();
            run(rec, new ByteArrayOutputStream());
            Path fresh = dir.resolve("jmoo-crash-x");
            assertEquals(fresh, rec.finish(new CrashBundleWriter(null), manifest(), new RegisterSnapshot(), List.of(),
                    List.of(), fresh));
            assertEquals(6, InputLogReader.readAll(CrashBundleReader.read(fresh).inputLog()).size());
        }
        assertFalse(Files.exists(tmp));
        try (Recording rec = Recording.temporary()) {
            tmp = rec.directory();
        }
        assertFalse(Files.exists(tmp), "a run that did not crash leaves nothing");
    }

    @Test
    void aTemporaryRecordingIsNamedAfterThisProcessAndSweepsThoseOfKilledRuns() throws Exception {
        Path left = OwnedTempFolders.temporaryFolder().resolve(
                Recording.TEMPORARY_PREFIX + OwnedTempFoldersTest.deadPid() + "-" + System.nanoTime());
        Files.createDirectory(left);
        Files.writeString(left.resolve(CrashBundle.INPUT_LOG), "left by kill -9");
        try (Recording rec = Recording.temporary()) {
            assertFalse(Files.exists(left), "a dead run's recording is swept");
            String name = rec.directory().getFileName().toString();
            assertTrue(name.matches("jmoo-recording-" + ProcessHandle.current().pid() + "-\\d+"), name);
        } finally {
            Directories.deleteTree(left);
        }
    }

    @Test
    void aNonEmptyRecordDirectoryIsRefused() throws IOException {
        Path recDir = Files.createDirectories(dir.resolve("rec"));
        Files.writeString(recDir.resolve("other"), "x");
        IOException e = assertThrows(IOException.class, () -> Recording.into(recDir));
        assertTrue(e.getMessage().contains("must be new or empty"), e.getMessage());
    }
}
