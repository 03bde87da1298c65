package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of the temporary folders killed runs left behind, in a private temporary folder. */
public class OwnedTempFoldersTest {
    private static final String SESSION = "jmoo-session-";

    @TempDir
    Path tmp;

    @Test
    void aFolderWhoseProcessIsGoneIsRemovedWithItsFiles() throws Exception {
        long dead = deadPid();
        Path stale = folderWithCow("jmoo-session-" + dead + "-123456789");
        Files.write(stale.resolve("ubd0.cow-frozen"), new byte[16]);

        assertEquals(List.of(stale), OwnedTempFolders.sweepStale(tmp, SESSION));
        assertFalse(Files.exists(stale));
    }

    @Test
    void foldersOfLiveProcessesAreKept() throws Exception {
        Path mine = OwnedTempFolders.create(tmp, SESSION);
        Files.write(mine.resolve("ubd0.cow"), new byte[16]);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path others = folderWithCow("jmoo-session-" + other.pid() + "-42");

            assertEquals(List.of(), OwnedTempFolders.sweepStale(tmp, SESSION));
            assertTrue(Files.exists(mine.resolve("ubd0.cow")), "this process's own session");
            assertTrue(Files.exists(others.resolve("ubd0.cow")), "another live process's session");
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    @Test
    void aNewFolderIsNamedAfterThisProcessInTheScheme() throws Exception {
        Path dir = OwnedTempFolders.create(tmp, SESSION);
        String name = dir.getFileName().toString();
        assertTrue(name.matches("jmoo-session-" + ProcessHandle.current().pid() + "-\\d+"), name);
        assertEquals(tmp, dir.getParent());
    }

    @Test
    void entriesOutsideTheExactSchemeAreUntouched() throws Exception {
        long dead = deadPid();
        List<Path> unrelated = List.of(
                folderWithCow("jmoo-session-5827647784582981202"),        // the old, PID-less names
                folderWithCow("jmoo-session-" + dead + "-12x"),
                folderWithCow("jmoo-session-" + dead + "-1-extra"),
                folderWithCow("jmoo-session--" + dead + "-1"),
                folderWithCow("other-" + dead + "-1"),
                folderWithCow("jmoo-session-" + dead));
        Path plainFile = Files.write(tmp.resolve("jmoo-session-" + dead + "-7"), new byte[1]);
        Path target = folderWithCow("target");
        Path link = Files.createSymbolicLink(tmp.resolve("jmoo-session-" + dead + "-8"), target);

        assertEquals(List.of(), OwnedTempFolders.sweepStale(tmp, SESSION));
        for (Path dir : unrelated) {
            assertTrue(Files.exists(dir.resolve("ubd0.cow")), dir.toString());
        }
        assertTrue(Files.exists(plainFile), "a file, not a folder");
        assertTrue(Files.isSymbolicLink(link), "a link is not followed");
        assertTrue(Files.exists(target.resolve("ubd0.cow")), "nor its target emptied");
    }

    @Test
    void aSweepTakesOnlyItsOwnPrefix() throws Exception {
        long dead = deadPid();
        Path session = folderWithCow("jmoo-session-" + dead + "-1");
        Path recording = folderWithCow("jmoo-recording-" + dead + "-1");

        assertEquals(List.of(recording), OwnedTempFolders.sweepStale(tmp, "jmoo-recording-"));
        assertTrue(Files.exists(session.resolve("ubd0.cow")));
        assertEquals(List.of(session), OwnedTempFolders.sweepStale(tmp, SESSION));
    }

    @Test
    void aMissingParentSweepsNothing() {
        assertEquals(List.of(), OwnedTempFolders.sweepStale(tmp.resolve("absent"), SESSION));
    }

    private Path folderWithCow(String name) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.write(dir.resolve("ubd0.cow"), new byte[16]);
        return dir;
    }

    /** The PID of a process that has exited (skips in the unlikely case it was reused at once). */
    public static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "PID " + pid + " was reused already");
        return pid;
    }
}
