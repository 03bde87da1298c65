package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.cli.JmooProcess;
import jmoo.cli.UserError;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundleReader;
import jmoo.replay.Sha256;
import jmoo.replay.Snapshot;
import jmoo.replay.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-machine snapshots on a real guest: the shipped kernel and rootfs are recorded booting,
 * writing a file, syncing and crashing through SysRq (one child JVM); then, in this JVM, replays
 * of that bundle save a snapshot at instruction K and go on to K+N, and a replay restored from it
 * runs to K+N and hashes the machine exactly alike, at two different K (for the first, the saving
 * replay also matches one that never paused to save). The
 * restored replay also runs on to the crash and reproduces it with the recorded console output,
 * and the disk layer the snapshot froze is checked: changed, it is refused by name.
 */
@Timeout(300)
class MachineSnapshotEndToEndTest {
    private static final long N = 3_000_000;
    private static final Pattern HASH = Pattern.compile("stopped at instruction ([0-9]+) \\(--until\\), state hash ([0-9a-f]{64})");

    @TempDir
    Path dir;

    @Test
    void restoringASnapshotAndRunningNInstructionsGivesTheStateOfTheStraightRunTwice() throws Exception {
        ShippedGuest.assumeImages();
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()),
                "echo snap-$((6*7)) > /root/s.txt; sync; cat /root/s.txt\necho c > /proc/sysrq-trigger\n",
                "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        BundleManifest m = CrashBundleReader.read(rec).manifest();
        long crash = m.crash().instructionCount();
        assertTrue(live.out().contains("snap-42"), "the guest boots to a shell before it crashes: " + live.out());
        assertTrue(crash > 4 * N, "room for snapshots N before the crash and a third of the way: " + crash);

        long first = crash / 3;
        String straight = hashAt(replay(rec.toString(), "--until", "" + (first + N)), first + N);
        for (long k : new long[] {first, crash - 2 * N}) {
            Path snap = dir.resolve("at-" + k + ".snap");
            String saving = replay(rec.toString(), "--snapshot-at", "" + k, snap.toString(), "--until", "" + (k + N));
            Matcher saved = Pattern.compile("replay: saved the machine at instruction " + k + " in " + Pattern.quote(
                    snap.toString()) + " \\(state hash ([0-9a-f]{64})\\)\n").matcher(saving);
            assertTrue(saved.lookingAt(), saving);
            String throughSave = hashAt(saving, k + N);
            if (k == first) {
                assertEquals(straight, throughSave, "saving a snapshot does not disturb the run");
            }
            assertNotEquals(saved.group(1), throughSave, "N instructions change the state");
            String restored = replay(rec.toString(), "--from-snapshot", snap.toString(), "--until", "" + (k + N));
            assertEquals(throughSave, hashAt(restored, k + N), "snapshot at " + k + " + " + N + " instructions");
        }

        Path snap = dir.resolve("at-" + (crash - 2 * N) + ".snap");
        String toTheEnd = replay(rec.toString(), "--from-snapshot", snap.toString());
        assertTrue(toTheEnd.startsWith("replay: reproduced exactly: \"kernel panic: sysrq triggered crash\" at instruction "
                + crash + ", console output identical"), toTheEnd);

        Snapshot s = SnapshotFile.read(snap);
        List<BundleManifest.DiskLayer> layers = s.disks();
        BundleManifest.DiskLayer kept = layers.get(0);
        assertEquals(ReplayDisks.layerBeside(snap, "ubda").toString(), kept.path(), "the replay's writes, frozen");
        assertEquals(m.layersOf("ubda").size() + 1, layers.size());
        for (BundleManifest.DiskLayer l : layers) {
            assertEquals(l.sha256(), Sha256.ofFile(Path.of(l.path())), l.path());
        }
        try (FileChannel ch = FileChannel.open(Path.of(kept.path()), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'x'}), Files.size(Path.of(kept.path())) - 1);
        }
        UserError changed = assertThrows(UserError.class, () -> replay(rec.toString(), "--from-snapshot", snap.toString()));
        assertTrue(changed.getMessage().contains("ubda layer " + kept.depth() + " " + kept.path()
                + ": changed since the recording"), changed.getMessage());
    }

    private static String replay(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ReplayVerb().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        return text;
    }

    private static String hashAt(String output, long instruction) {
        Matcher m = HASH.matcher(output);
        assertTrue(m.find(), output);
        assertEquals(instruction, Long.parseLong(m.group(1)), output);
        return m.group(2);
    }
}
