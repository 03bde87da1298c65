package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path dir;

    private static final List<BundleManifest.DiskLayer> DISKS =
            List.of(new BundleManifest.DiskLayer("ubd0", 1, "/d/root.cow", "ab".repeat(32)));
    private static final List<BundleManifest.RecordedDisk> RECORDED = List.of(new BundleManifest.RecordedDisk("ubda", "s", null));
    private static final RunPoint RUN = new RunPoint("cd".repeat(32), 3, 17, 4000);

    @Test
    void restoreThenRunGivesTheSameStateAsRunningStraightThrough() throws IOException {
        ToyMachine straight = new ToyMachine(-1, 1 << 20);
        StateHash atSave = straight.runToAndHash(1_000);
        Path snap = dir.resolve("m.snap");
        SnapshotFile.save(snap, straight, DISKS, RECORDED, RUN);
        StateHash end = straight.runToAndHash(3_000);

        ToyMachine restored = new ToyMachine(-1, 1 << 20);
        restored.runToAndHash(77);               // whatever it did before is overwritten
        restored.memory().write8(500_000, 9);    // including RAM the snapshot holds as zero
        Snapshot read = SnapshotFile.read(snap);
        assertEquals(DISKS, read.disks());
        assertEquals(RUN, read.run());
        assertEquals(RECORDED, read.recordedDisks());
        assertEquals(1 << 20, read.ramBytes());
        read.restoreInto(restored);
        assertEquals(atSave, StateHash.of(restored));
        assertEquals(end, restored.runToAndHash(3_000));
        assertTrue(Files.size(snap) < 8192, "zero pages are not stored: " + Files.size(snap) + " bytes for 1 MiB");
    }

    @Test
    void truncatedForeignAndMismatchedSnapshotsAreRefusedNamingTheFile() throws IOException {
        ToyMachine m = new ToyMachine(-1);
        m.runToAndHash(10);
        Path snap = dir.resolve("m.snap");
        SnapshotFile.save(snap, m, List.of(), List.of(), RunPoint.live(0, 0, 0));
        byte[] whole = Files.readAllBytes(snap);
        Path cut = dir.resolve("cut.snap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5));
        assertEquals(cut + ": truncated after offset " + (whole.length - 5)
                + " (the file ends before the \"end\" marker)",
                assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(cut)).getMessage());
        Path other = dir.resolve("other");
        Files.writeString(other, "definitely not a snapshot");
        assertTrue(assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(other))
                .getMessage().startsWith(other + ": offset 0: not a jmoo snapshot"));
        byte[] old = whole.clone();
        old[11] = 1;
        Path v1 = Files.write(dir.resolve("v1.snap"), old);
        assertEquals(v1 + ": offset 8: snapshot format version 1, this jmoo reads version " + SnapshotFile.VERSION,
                assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(v1)).getMessage());
        SnapshotFormatException size = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.read(snap).restoreInto(new ToyMachine(-1, 8192)));
        assertTrue(size.getMessage().matches(java.util.regex.Pattern.quote(snap + ": section \"ram\" at offset ")
                + "[0-9]+: the snapshot has 4096 bytes of RAM, this machine 8192"), size.getMessage());
    }
}
