package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jmoo.cli.JmooProcess;
import jmoo.disk.CowChain;
import jmoo.disk.CowLayer;
import jmoo.disk.OpenOptions;
import jmoo.machine.GuestAssembler;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./jmoo --record, a crash, and ./jmoo replay, each in its own JVM as a user runs them: the
 * echo guest of the machine tests takes piped input (arriving whenever the pipe thread delivers
 * it), '$' makes it halt with interrupts off. And plain {@code ./jmoo --record DIR} (the shipped
 * kernel, the shipped rootfs on ubd0 through the throw-away session COW): the guest writes a file,
 * syncs and crashes its kernel through SysRq; the disk's starting state (an empty COW in the
 * bundle over the cached image) is frozen, the replay reproduces the crash exactly from it and
 * leaves it unchanged, and a changed layer is refused by name (one recorded and one replayed boot).
 */
@Timeout(300)
class RecordReplayEndToEndTest {
    @TempDir
    Path dir;

    private JmooProcess.Result jmoo(String stdin, String... args) throws Exception {
        return JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()), stdin, args);
    }

    @Test
    void aRecordedCrashReplaysExactlyAndATamperedInputIsCaught() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = jmoo("hello, world\n$", "--kernel", guest.toString(), "mem=16M", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        assertEquals("ready\nhello, world\n", live.out());
        assertTrue(live.err().contains("jmoo: recording in " + rec), live.err());
        CrashBundle bundle = CrashBundleReader.read(rec);
        assertEquals("the CPU halted with interrupts disabled", bundle.manifest().crash().reason());
        assertEquals("ready\nhello, world\n", new String(bundle.consoleLog(), StandardCharsets.UTF_8));
        assertTrue(bundle.backtrace().get(0).startsWith("EIP: 0x"), bundle.backtrace().toString());

        for (int i = 0; i < 2; i++) {
            JmooProcess.Result replay = jmoo("", "replay", rec.toString());
            assertEquals(0, replay.status(), replay.out() + replay.err());
            assertTrue(replay.out().startsWith("replay: reproduced exactly: \"the CPU halted with interrupts disabled\""
                    + " at instruction " + bundle.manifest().crash().instructionCount()), replay.out());
        }
        JmooProcess.Result until = jmoo("", "replay", rec.toString(), "--until", "1000");
        assertTrue(until.out().matches("replay: stopped at instruction 1000 \\(--until\\), state hash [0-9a-f]{64}\n"), until.out());

        Path log = rec.resolve(CrashBundle.INPUT_LOG);
        byte[] input = Files.readAllBytes(log);
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int w = text.lastIndexOf('w');
        assertTrue(w > 8, "the typed 'w' is in the log");
        input[w] = 'W';
        Files.write(log, input);
        JmooProcess.Result tampered = jmoo("", "replay", rec.toString());
        assertEquals(1, tampered.status(), tampered.out());
        assertTrue(tampered.err().contains("console output differs from byte " + "ready\nhello, ".length()), tampered.err());
    }

    @Test
    void aWatchdogCrashIsBundledAndReplaysExactly() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = jmoo("ab%", "--kernel", guest.toString(), "mem=16M", "--watchdog", "0.05",
                "--record", rec.toString());   // '%': the guest spins in its interrupt handler
        assertEquals(1, live.status(), live.err());
        assertTrue(live.err().contains("jmoo: guest crash: watchdog: no progress for 0.05 s of virtual time"), live.err());
        BundleManifest m = CrashBundleReader.read(rec).manifest();
        assertEquals(50_000_000L, m.watchdogNanos());
        assertTrue(m.crash().reason().startsWith("watchdog: "), m.crash().reason());
        JmooProcess.Result replay = jmoo("", "replay", rec.toString());
        assertEquals(0, replay.status(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("replay: reproduced exactly: \"" + m.crash().reason() + "\" at instruction "
                + m.crash().instructionCount()), replay.out());
    }

    @Test
    void aCrashWithoutRecordStillLeavesAReplayableBundle() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path crashes = dir.resolve("not/yet/made"); // $JMOO_CRASH_DIR is created when missing
        JmooProcess.Result live = JmooProcess.run(Map.of("JMOO_CRASH_DIR", crashes.toString()), "ab$",
                "--kernel", guest.toString(), "mem=16M");
        assertEquals(1, live.status(), live.err());
        Path bundle;
        try (Stream<Path> s = Files.list(crashes)) {
            bundle = s.filter(p -> p.getFileName().toString().startsWith("jmoo-crash-")).findFirst().orElseThrow();
        }
        assertTrue(live.err().contains("jmoo: crash bundle in " + bundle), live.err());
        JmooProcess.Result replay = jmoo("", "replay", bundle.toString());
        assertEquals(0, replay.status(), replay.err());
        JmooProcess.Result info = jmoo("", "replay", bundle.toString(), "--info");
        assertTrue(info.out().contains("inputs:   3 console bytes"), info.out());
    }

    @Test
    void aCrashAfterADiskWriteReplaysExactlyFromTheFrozenLayersWhichStayUnchanged() throws Exception {
        ShippedGuest.assumeImages();
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = jmoo("echo jmoo-rec-$((6*7)) > /root/rec.txt; sync; cat /root/rec.txt\n"
                + "echo c > /proc/sysrq-trigger\n", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        assertTrue(live.out().contains("\njmoo-rec-42"), live.out());
        CrashBundle bundle = CrashBundleReader.read(rec);
        BundleManifest m = bundle.manifest();
        assertEquals("kernel panic: sysrq triggered crash", m.crash().reason());

        BundleManifest.RecordedDisk root = m.disks().get(0);
        assertEquals(1, m.disks().size());
        assertNotNull(root.runTop());
        assertFalse(Files.exists(Path.of(root.runTop())), "the run's top was the session's, deleted at exit");
        List<BundleManifest.DiskLayer> layers = m.layersOf(root.disk());
        assertEquals(2, layers.size());
        Path start = Path.of(layers.get(0).path());
        assertEquals(rec.toAbsolutePath(), start.getParent(), "the starting COW is in the bundle");
        assertTrue(Files.size(start) > 12 << 20, "a sparse COW over the image");
        try (CowChain chain = CowChain.open(start, OpenOptions.readOnly())) {
            assertEquals(0, ((CowLayer) chain.layers().get(0)).allocatedSectors(), "the guest wrote past the frozen layer");
            assertEquals(Path.of(layers.get(1).path()), chain.layers().get(1).path(), "over the cached image");
        }
        assertLayersMatch(layers);

        JmooProcess.Result replay = jmoo("", "replay", rec.toString());
        assertEquals(0, replay.status(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("replay: reproduced exactly: \"kernel panic: sysrq triggered crash\" at instruction "
                + m.crash().instructionCount() + ", console output identical"), replay.out());
        assertLayersMatch(layers);

        try (FileChannel ch = FileChannel.open(start, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)), Files.size(start) - 1);
        }
        JmooProcess.Result changed = jmoo("", "replay", rec.toString());
        assertTrue(changed.status() != 0, changed.out());
        assertTrue(changed.err().contains(root.disk() + " layer 1 " + start + ": changed since the recording"), changed.err());
    }

    private static void assertLayersMatch(List<BundleManifest.DiskLayer> layers) throws Exception {
        for (BundleManifest.DiskLayer l : layers) {
            assertEquals(l.sha256(), Sha256.ofFile(Path.of(l.path())), l.path());
        }
    }
}
