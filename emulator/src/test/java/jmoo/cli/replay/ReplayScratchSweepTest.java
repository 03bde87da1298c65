package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jmoo.cli.JmooProcess;
import jmoo.replay.OwnedTempFoldersTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay's scratch folder (its own COWs over the frozen disks) is named after its process, and
 * a new replay removes those that replays killed with kill -9 left behind, never a live one's.
 */
@Timeout(300)
class ReplayScratchSweepTest {
    @TempDir
    Path dir;

    @Test
    void aReplaySweepsTheScratchFoldersOfDeadReplaysOnly() throws Exception {
        ShippedGuest.assumeImages();
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()),
                "echo swept\necho c > /proc/sysrq-trigger\n", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());

        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path stale = Files.createDirectory(tmp.resolve(ReplayDisks.SCRATCH_PREFIX + OwnedTempFoldersTest.deadPid() + "-7"));
        Files.writeString(stale.resolve("ubda-replay-1.cow"), "left by a killed replay");
        Path alive = Files.createDirectory(tmp.resolve(ReplayDisks.SCRATCH_PREFIX + ProcessHandle.current().pid() + "-8"));
        JmooProcess.Result r = JmooProcess.runWithJvmOptions(List.of("-Djava.io.tmpdir=" + tmp), Map.of(), "",
                "replay", rec.toString(), "--until", "1000000");
        assertEquals(0, r.status(), r.err() + r.out());

        assertFalse(Files.exists(stale), "a dead replay's scratch folder is removed");
        assertTrue(Files.isDirectory(alive), "a live process's folder is kept");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(alive), left.filter(p -> p.getFileName().toString().startsWith(ReplayDisks.SCRATCH_PREFIX))
                    .toList(), "the replay removed its own scratch folder at the end");
        }
    }
}
