package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.machine.Machine;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;
import jmoo.replay.CrashBundleWriter;
import jmoo.replay.Directories;
import jmoo.replay.InputLogWriter;
import jmoo.replay.RegisterSnapshot;
import jmoo.replay.RunPoint;
import jmoo.replay.SnapshotFile;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayVerbTest {
    @TempDir
    Path dir;

    private Path bundle() throws IOException {
        return bundle(List.of(), List.of());
    }

    private Path bundle(List<BundleManifest.DiskLayer> layers, List<BundleManifest.RecordedDisk> disks) throws IOException {
        Path kernel = dir.resolve("bzImage");
        Files.writeString(kernel, "kernel bytes");
        Path log = dir.resolve("in.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            w.startTime(0, 0);
            w.consoleByte(500, 0, 'l');
            w.consoleByte(500, 0, 's');
            w.idleWake(900, 1, 12_345);
        }
        BundleManifest m = new BundleManifest("0.1.0", List.of("--kernel", kernel.toString()),
                new BundleManifest.FileDigest(kernel.toString(), Sha256.ofFile(kernel)), null, "console=ttyS0", 64L << 20,
                10, layers, disks, new BundleManifest.Crash("triple fault", "", 4242));
        Path b = dir.resolve("bundle");
        new CrashBundleWriter(null).writeNew(b, new CrashBundle(m, new RegisterSnapshot().put("eip", 1),
                "hello".getBytes(), List.of(), List.of(), log));
        return b;
    }

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, new ReplayVerb().run(args, new PrintStream(out), System.err));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoDescribesTheBundleAndChecksItsInputs() throws Exception {
        Path b = bundle();
        String text = run(b.toString(), "--info");
        assertTrue(text.contains("crash:    triple fault at instruction 4242\n"), text);
        assertTrue(text.contains("inputs:   2 console bytes in 1 deliveries, 1 early idle wake-ups, start time 1970-01-01T00:00:00Z"), text);
        assertTrue(text.contains("machine:  64 MiB RAM, 10 ns per instruction"), text);
        assertTrue(text.contains("check:    kernel, initrd and disk layers match the recording"), text);
        Files.writeString(dir.resolve("bzImage"), "rebuilt kernel");
        assertTrue(run(b.toString(), "--info").contains("problem:  kernel " + dir.resolve("bzImage") + ": changed"));
        UserError e = assertThrows(UserError.class, () -> run(b.toString()));
        assertTrue(e.getMessage().startsWith("replay: the run's inputs changed: kernel"), e.getMessage());
    }

    @Test
    void unfrozenDisksAreRefusedAndAChangedFrozenLayerIsNamed() throws Exception {
        Path layer = Files.writeString(dir.resolve("root.img"), "disk bytes");
        BundleManifest.DiskLayer base = new BundleManifest.DiskLayer("ubda", 0, layer.toString(), RunRecorder.UNFROZEN);
        Path unfrozen = bundle(List.of(base), List.of());
        UserError e = assertThrows(UserError.class, () -> run(unfrozen.toString()));
        assertEquals("replay: " + unfrozen + " cannot be replayed: the run started without --record, so its disks (ubda)"
                + " were not frozen; rerun it with --record DIR for a bundle that replays", e.getMessage());
        assertTrue(Files.readString(unfrozen.resolve("manifest.json")).contains("\"replayable\": false"));
        Directories.deleteTree(unfrozen);

        BundleManifest.DiskLayer frozen = new BundleManifest.DiskLayer("ubda", 0, layer.toString(), Sha256.ofFile(layer));
        Path b = bundle(List.of(frozen), List.of(new BundleManifest.RecordedDisk("ubda", "s", "/gone/root-1.cow")));
        assertEquals(List.of(new BundleManifest.RecordedDisk("ubda", "s", "/gone/root-1.cow")),
                CrashBundleReader.read(b).manifest().disks());
        assertTrue(run(b.toString(), "--info").contains("disk:     ubda flags s, frozen at the start; the run wrote to /gone/root-1.cow"));
        assertTrue(Files.readString(b.resolve("manifest.json")).contains("\"replayable\": true"));
        Files.writeString(layer, "changed bytes");
        e = assertThrows(UserError.class, () -> run(b.toString()));
        assertTrue(e.getMessage().startsWith("replay: the run's inputs changed: ubda layer 0 " + layer + ": changed since"),
                e.getMessage());
    }

    @Test
    void badBundlesAndArgumentsAreOneLineUserErrors() throws Exception {
        assertEquals("replay: " + dir.resolve("nope") + ": not a directory (a crash bundle is a directory)",
                assertThrows(UserError.class, () -> run(dir.resolve("nope").toString())).getMessage());
        Path b = bundle();
        Files.delete(b.resolve("manifest.json"));
        assertTrue(assertThrows(UserError.class, () -> run(b.toString())).getMessage().contains("manifest.json: missing"));
        assertEquals("replay: --trace 9:3: TO must be greater than FROM",
                assertThrows(UserError.class, () -> run("x", "--trace", "9:3")).getMessage());
        assertEquals("replay: --gdb-wait needs --gdb PORT",
                assertThrows(UserError.class, () -> run("x", "--gdb-wait")).getMessage());
        assertEquals("replay: no bundle given (./jmoo replay BUNDLE; --help for more)",
                assertThrows(UserError.class, () -> run()).getMessage());
        assertTrue(run("--help").startsWith("usage: ./jmoo replay BUNDLE"));
    }

    @Test
    void snapshotOptionsAreCheckedAndAForeignSnapshotIsRefusedInOneLine() throws Exception {
        assertEquals("replay: --snapshot-at needs a value",
                assertThrows(UserError.class, () -> run("x", "--snapshot-at", "5")).getMessage());
        assertEquals("replay: --until 4 comes before --snapshot-at 5",
                assertThrows(UserError.class, () -> run("x", "--snapshot-at", "5", "f", "--until", "4")).getMessage());
        Path b = bundle();
        assertEquals("replay: --snapshot-at: " + dir.resolve("nope") + ": no such directory", assertThrows(UserError.class,
                () -> run(b.toString(), "--snapshot-at", "5", dir.resolve("nope/s.snap").toString())).getMessage());
        Path text = Files.writeString(dir.resolve("text.snap"), "not one");
        assertEquals("replay: " + text + ": offset 0: not a jmoo snapshot (expected the magic \"JMOOSNAP\")",
                assertThrows(UserError.class, () -> run(b.toString(), "--from-snapshot", text.toString())).getMessage());
        Path live = dir.resolve("live.snap");
        SnapshotFile.save(live, new Machine(64L << 20, 10, 0, c -> { }), List.of(), List.of(), RunPoint.live(0, 0, 0));
        String e = assertThrows(UserError.class, () -> run(b.toString(), "--from-snapshot", live.toString())).getMessage();
        assertTrue(e.startsWith("replay: " + live + " was not taken from this recording (its input log has sha256"
                + " <none: a live run>, this bundle's "), e);
    }
}
