package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import jmoo.cli.JmooProcess;
import jmoo.machine.GuestAssembler;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash without --record on a machine with disks (a writable one and a read-only one) leaves a
 * bundle that cannot be replayed, since the guest may have written over the disks' starting
 * state: the line naming the bundle, its manifest and {@code ./jmoo replay} all say so, and the
 * replay's refusal is one line naming the bundle, the disks and the fix. The same run with
 * --record is replayable. The echo guest of the machine tests, each run in its own JVM.
 */
@Timeout(300)
class UnfrozenCrashBundleTest {
    private static final String REASON = "the run started without --record, so its disks (ubda, ubdb) were not frozen";
    private static final String FIX = "rerun it with --record DIR for a bundle that replays";

    @TempDir
    Path dir;

    private JmooProcess.Result jmoo(String stdin, String... args) throws Exception {
        return JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.resolve("crashes").toString()), stdin, args);
    }

    @Test
    void aCrashWithoutRecordOnDisksIsMarkedAndRefusedInOneLine() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path data = Files.write(dir.resolve("data.img"), new byte[64 * 512]);
        Path readOnly = Files.write(dir.resolve("ro.img"), new byte[64 * 512]);
        JmooProcess.Result live = jmoo("ab$", "--kernel", guest.toString(), "mem=16M", "ubd0=" + data, "ubd1r=" + readOnly);
        assertEquals(1, live.status(), live.err());
        Path bundle = onlyBundle();
        assertTrue(live.err().contains("jmoo: crash bundle in " + bundle + " (not replayable: " + REASON + "; " + FIX + ")\n"),
                live.err());

        String manifestText = Files.readString(bundle.resolve(CrashBundle.MANIFEST));
        assertTrue(manifestText.contains("\"replayable\": false,\n  \"notReplayable\": \"" + REASON + "\""), manifestText);
        BundleManifest manifest = CrashBundleReader.read(bundle).manifest();
        assertFalse(manifest.replayable());
        assertEquals(REASON, manifest.notReplayableReason());

        JmooProcess.Result replay = jmoo("", "replay", bundle.toString());
        assertEquals(2, replay.status(), replay.out() + replay.err());
        assertEquals("", replay.out());
        assertEquals("jmoo: replay: " + bundle + " cannot be replayed: " + REASON + "; " + FIX + "\n", replay.err());

        JmooProcess.Result info = jmoo("", "replay", bundle.toString(), "--info");
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().contains("\nproblem:  not replayable: " + REASON + "; " + FIX + "\n"), info.out());
    }

    @Test
    void theSameRunRecordedIsReplayableAndSaysSo() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path data = Files.write(dir.resolve("data.img"), new byte[64 * 512]);
        Path readOnly = Files.write(dir.resolve("ro.img"), new byte[64 * 512]);
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = jmoo("ab$", "--kernel", guest.toString(), "mem=16M", "ubd0=" + data, "ubd1r=" + readOnly,
                "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        assertTrue(live.err().contains("jmoo: recording in " + rec + " (./jmoo replay " + rec + " reruns it)"), live.err());
        assertTrue(Files.readString(rec.resolve(CrashBundle.MANIFEST)).contains("\"replayable\": true,\n  \"arguments\""));
        JmooProcess.Result replay = jmoo("", "replay", rec.toString());
        assertEquals(0, replay.status(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("replay: reproduced exactly: "), replay.out());
    }

    private Path onlyBundle() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("crashes"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("jmoo-crash-")).reduce((a, b) -> {
                throw new AssertionError("more than one bundle: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
