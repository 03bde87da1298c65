package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped rootfs on ubd0 through a throw-away COW (the real images/ of the checkout). */
class BootDisksTest {
    @TempDir
    Path dir;

    @Test
    void withoutUbd0TheShippedRootfsIsUd0ThroughASessionCowDeletedAtClose() throws Exception {
        ShippedImages images = ShippedImages.inCheckout();
        assumeTrue(Files.isRegularFile(images.compressedRootfs()), "no shipped rootfs in " + images.dir());
        Path data = Files.write(dir.resolve("data.img"), new byte[64 * 512]);
        Path cow;
        Path rootfs;
        String rootfsSha;
        try (BootDisks boot = BootDisks.open(List.of("ubd1=" + data), images, true)) {
            assertTrue(boot.sessionRoot());
            OpenedDisk root = boot.disks().get(0);
            cow = root.chain().layers().get(0).path();
            rootfs = boot.sessionBacking();
            rootfsSha = Sha256.ofFile(rootfs);
            assertEquals(List.of(cow, rootfs), root.chain().layers().stream().map(l -> l.path()).toList());
            assertFalse(root.chain().readOnly());
            ByteBuffer superblock = ByteBuffer.allocate(1024);
            root.chain().read(2, superblock);
            assertEquals(0xEF53, (superblock.get(56) & 0xFF) | (superblock.get(57) & 0xFF) << 8, "ext2 magic");
            assertEquals("jmoo-root", new String(superblock.array(), 120, 9, StandardCharsets.US_ASCII));
            root.chain().write(2, ByteBuffer.allocate(1024));   // the guest scribbles over the superblock
            assertEquals(data, boot.disks().get(1).chain().layers().get(0).path());
        }
        assertFalse(Files.exists(cow), "the session COW is deleted");
        assertFalse(Files.exists(cow.getParent()), "and its folder");
        assertEquals(rootfsSha, Sha256.ofFile(rootfs), "the shipped image was not written");
    }

    @Test
    void aUserUbd0ReplacesTheShippedRootfs() throws Exception {
        Path mine = Files.write(dir.resolve("mine.img"), new byte[64 * 512]);
        try (BootDisks boot = BootDisks.open(List.of("ubd0r=" + mine), ShippedImages.inCheckout(), true)) {
            assertFalse(boot.sessionRoot());
            assertNull(boot.sessionBacking());
            assertTrue(boot.disks().get(0).chain().readOnly());
        }
    }
}
