package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.CowLayer;
import jmoo.disk.OpenOptions;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Test;

/**
 * The shipped kernel and rootfs booted by {@code ./jmoo} (a child JVM, commands typed through a
 * stdin pipe) on COW disks: what the guest writes lands in the COW and nowhere else. Three boots
 * (~15 s each here); more in {@link GuestDisksSlowTest}.
 */
class GuestDisksEndToEndTest extends GuestDiskBoots {
    @Test
    void guestWritesLandInTheCowTheBackingStaysPristineAndTheNextBootSeesThem() throws Exception {
        Path cow = dir.resolve("root.cow");
        Path readOnly = pattern("ro.img", 64 * 1024, 'R');
        byte[] readOnlyBefore = Files.readAllBytes(readOnly);
        String first = boot("echo jmoo-e2e-$((6*7))-first > /root/e2e.txt; sync\n"
                        + "dd if=/dev/zero of=/dev/ubdb bs=512 count=1 && echo RO-$((1+1))-WRITTEN || echo RO-$((1+1))-REFUSED\n"
                        + "echo RO-READ-$(head -c 6 /dev/ubdb)\n"
                        + "poweroff\n",
                "ubd0=" + cow + "," + rootfs, "ubd1r=" + readOnly);
        assertTrue(first.contains("RO-2-REFUSED"), first);
        assertTrue(first.contains("dd: error writing '/dev/ubdb'"), first);   // EPERM from the guest's block layer
        assertFalse(first.contains("RO-2-WRITTEN"), first);
        assertTrue(first.contains("RO-READ-RRRRRR"), first);
        assertArrayEquals(readOnlyBefore, Files.readAllBytes(readOnly), "the read-only disk is unchanged");

        assertEquals(rootfsSha, Sha256.ofFile(rootfs), "the backing is unchanged");
        assertTrue(CowFiles.isCow(cow), "jmoo created the missing COW");
        assertEquals(rootfs.toAbsolutePath().toString(), CowFiles.readHeader(cow).backingPath());
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
            assertTrue(((CowLayer) chain.layers().get(0)).allocatedSectors() > 0, "the guest's writes are in the COW");
        }
        assertTrue(contains(cow, "jmoo-e2e-42-first\n"), "the file's data is in the COW");
        assertFalse(contains(rootfs, "jmoo-e2e-42-first"));

        String second = boot("cat /root/e2e.txt\npoweroff\n", "ubd0=" + cow);   // the backing from the header
        assertTrue(second.contains("jmoo-e2e-42-first"), second);
        assertEquals(rootfsSha, Sha256.ofFile(rootfs));
    }

    @Test
    void afterSyncInTheGuestAndKill9TheSyncedDataIsInTheCow() throws Exception {
        Path cow = dir.resolve("root.cow");
        Path data = pattern("data.img", 64 * 1024, 'D');
        Path dataCow = dir.resolve("data.cow");
        Path err = dir.resolve("stderr.txt");
        try (JmooProcess jmoo = JmooProcess.start(err, "ubd0=" + cow + "," + rootfs, "ubd1=" + dataCow + "," + data)) {
            jmoo.type("echo jmoo-synced-file-$((6*7)) > /root/synced.txt\n"
                    + "echo jmoo-synced-raw-$((6*7)) | dd of=/dev/ubdb bs=512 conv=sync\n"
                    + "sync; echo READY-$((2+2))-TO-KILL\n");
            assertTrue(jmoo.awaitLine("READY-4-TO-KILL"), jmoo.console() + Files.readString(err));
            jmoo.kill9();
        }
        try (CowChain chain = CowChain.open(dataCow, OpenOptions.readOnly())) {
            ByteBuffer sector = ByteBuffer.allocate(512);
            chain.read(0, sector);
            assertEquals("jmoo-synced-raw-42\n", new String(sector.array(), 0, 19, StandardCharsets.US_ASCII));
            assertEquals(0, chain.layerFor(0), "served by the COW");
        }
        assertTrue(contains(cow, "jmoo-synced-file-42\n"), "the synced file's data is in the root COW");
        assertEquals(rootfsSha, Sha256.ofFile(rootfs));
        assertArrayEquals(Files.readAllBytes(pattern("expected.img", 64 * 1024, 'D')), Files.readAllBytes(data));
    }
}
