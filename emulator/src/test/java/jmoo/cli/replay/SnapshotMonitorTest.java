package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import jmoo.devices.ubd.UbdDisk;
import jmoo.disk.CowFiles;
import jmoo.disks.BootDisks;
import jmoo.disks.ShippedImages;
import jmoo.machine.ConsoleTail;
import jmoo.machine.GuestAssembler;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.BundleManifest;
import jmoo.replay.InputEvent;
import jmoo.replay.InputLogReader;
import jmoo.replay.InputLogWriter;
import jmoo.replay.LiveInputSource;
import jmoo.replay.Sha256;
import jmoo.replay.SnapshotFile;
import jmoo.replay.StateHash;
import jmoo.replay.StopAt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's savevm and loadvm on a live machine (the echo guest, with a COW disk the test
 * writes to as a guest would): savevm freezes the disk's top and saves the machine; after more
 * instructions and disk writes, loadvm brings back the saved state and the disk as it was, and
 * running N instructions again gives the state hash of the first time.
 */
@Timeout(120)
class SnapshotMonitorTest {
    private static final long START = 1_800_000_000L;

    @TempDir
    Path dir;

    private Machine machine;
    private RunLoop loop;
    private LiveInputSource input;
    private InputLogWriter log;
    private Path logFile;
    private int loads;

    private void boot(BootDisks disks) throws Exception {
        Path elf = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleTail tail = new ConsoleTail(console::write);
        machine = new Machine(16 << 20, 10, START, tail);
        disks.disks().attachAll(machine.portBlock());
        machine.bootLinux(elf, null, "");
        logFile = dir.resolve("input-" + System.nanoTime() + ".log");
        log = new InputLogWriter(logFile);
        input = new LiveInputSource(() -> START, log);
        input.offer("ab".getBytes(StandardCharsets.US_ASCII), 0, 2);
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        loop = new RunLoop(machine, mailbox, input, () -> { }, tail, HostTime.fixed(START), false);
    }

    private StateHash runTo(long count) throws Exception {
        loop.observe(new StopAt(count));
        assertEquals(RunOutcome.Kind.QUIT, loop.run().kind());
        assertEquals(count, machine.cpu().instructionCount());
        return StateHash.of(machine);
    }

    private void writeSector0(String text) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.put(text.getBytes(StandardCharsets.US_ASCII)).rewind();
        machine.portBlock().disk(0).device().write(0, b);
    }

    private String readSector0() throws Exception {
        UbdDisk d = machine.portBlock().disk(0);
        ByteBuffer b = ByteBuffer.allocate(512);
        d.device().read(0, b);
        return new String(b.array(), 0, 6, StandardCharsets.US_ASCII);
    }

    @Test
    void loadvmBringsBackTheMachineAndItsDiskAndRunsOnAlikeWhileChangesAreRefused() throws Exception {
        Path base = dir.resolve("base.img");
        try (FileChannel f = FileChannel.open(base, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.allocate(1), (1 << 20) - 1);
        }
        Path top = dir.resolve("root.cow");
        CowFiles.create(top, base, false);
        try (BootDisks disks = BootDisks.open(List.of("ubd0=" + top + "," + base), ShippedImages.inCheckout(), false)) {
            boot(disks);
            SnapshotMonitor monitor = new SnapshotMonitor(machine, disks, false, () -> {
                loads++;
                input.stopLogging();
            });
            assertNull(monitor.execute("info regs"), "not one of its commands");
            StateHash atSave = runTo(6_000);
            writeSector0("before");
            Path snap = dir.resolve("vm.snap");
            String saved = monitor.execute("savevm " + snap);
            assertEquals("savevm: the machine at instruction 6000 is in " + snap + "; ubda frozen as " + top
                    + ", writes go to " + dir.resolve("root-1.cow"), saved);
            List<BundleManifest.DiskLayer> layers = SnapshotFile.read(snap).disks();
            assertEquals(List.of(top.toString(), base.toString()), layers.stream().map(BundleManifest.DiskLayer::path).toList());
            StateHash later = runTo(9_000);
            writeSector0("after!");
            assertNotEquals(atSave, later);

            String loaded = monitor.execute("loadvm " + snap);
            assertTrue(loaded.startsWith("loadvm: the machine is back at instruction 6000 from " + snap
                    + "; ubda attached: "), loaded);
            assertEquals(atSave, StateHash.of(machine));
            assertEquals("before", readSector0(), "the disk as it was at savevm");
            assertEquals(later, runTo(9_000), "N instructions after loadvm as after savevm");
            assertEquals(1, loads);

            input.offer(new byte[] {'x'}, 0, 1);
            runTo(9_500);                          // 'x' at about 9000, after the loadvm to 6000
            monitor.execute("loadvm " + snap);
            input.offer(new byte[] {'y'}, 0, 1);
            runTo(6_500);                          // 'y' at about 6000 again: a log would go backwards
            log.close();
            assertEquals("ab", InputLogReader.readAll(logFile).stream()   // the log stopped at the first loadvm
                    .filter(e -> e.kind() == InputEvent.Kind.CONSOLE)
                    .map(e -> new String(e.consoleBytes(), StandardCharsets.US_ASCII))
                    .collect(java.util.stream.Collectors.joining()));
            assertEquals(layers.get(0).sha256(), Sha256.ofFile(top), "the frozen layer is only read");

            assertTrue(new SnapshotMonitor(machine, disks, true, () -> loads++).execute("loadvm " + snap)
                    .startsWith("loadvm: this run is being recorded (--record)"));
            Files.write(top, new byte[] {1}, StandardOpenOption.APPEND);
            String changed = monitor.execute("loadvm " + snap);
            assertTrue(changed.startsWith("loadvm: " + snap + ": ubda layer 1 " + top + ": changed since"), changed);
            assertEquals(6_500, machine.cpu().instructionCount(), "a refused loadvm changes nothing");
            assertEquals(2, loads);
            assertEquals("usage: savevm FILE", monitor.execute("savevm"));
            assertEquals("savevm: " + dir.resolve("nope") + ": no such directory",
                    monitor.execute("savevm " + dir.resolve("nope/vm.snap")));
        }
    }

    @Test
    void theSessionCowsFrozenLayerIsKeptBesideTheSnapshot() throws Exception {
        ShippedGuest.assumeImages();
        Path snap = dir.resolve("session.snap");
        Path kept;
        try (BootDisks disks = BootDisks.open(List.of(), ShippedImages.inCheckout(), true)) {
            boot(disks);
            runTo(5_000);
            writeSector0("before");
            SnapshotMonitor monitor = new SnapshotMonitor(machine, disks, false, () -> loads++);
            String saved = monitor.execute("savevm " + snap);
            kept = dir.resolve("session.snap-ubda.cow");
            assertTrue(saved.contains("; ubda frozen as " + kept + ", writes go to "), saved);
            assertTrue(monitor.execute("savevm " + snap).endsWith(kept + " already exists: a snapshot's disk layers"
                    + " are never overwritten"));
            writeSector0("after!");
        }
        assertTrue(Files.isRegularFile(kept), "outlives the session");
        List<BundleManifest.DiskLayer> layers = SnapshotFile.read(snap).disks();
        assertEquals(kept.toString(), layers.get(0).path());
        assertEquals(layers.get(0).sha256(), Sha256.ofFile(kept));
        assertTrue(Files.size(kept) > 1 << 20, "a COW over the shipped image");
        Path other = dir.resolve("other.cow");
        CowFiles.create(other, Path.of(layers.get(1).path()), false);
        try (BootDisks disks = BootDisks.open(List.of("ubd0=" + other + "," + layers.get(1).path()),
                ShippedImages.inCheckout(), false)) {
            boot(disks);
            assertTrue(new SnapshotMonitor(machine, disks, false, () -> loads++).execute("loadvm " + snap).contains("ubda attached"));
            assertEquals(5_000, machine.cpu().instructionCount());
            assertEquals("before", readSector0(), "what the session had written, from the kept layer");
        }
    }
}
