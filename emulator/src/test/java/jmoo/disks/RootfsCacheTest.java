package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import jmoo.cli.UserError;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsCacheTest {
    @TempDir
    Path dir;
    private byte[] content;
    private ShippedImages images;

    @BeforeEach
    void fakeImagesFolder() throws IOException {
        content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path gz = dir.resolve("rootfs.ext2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(content);
        }
        Files.writeString(dir.resolve("SHA256SUMS"), "0123  bzImage-lz4\n" + Sha256.ofFile(gz) + "  rootfs.ext2.gz\n");
        images = new ShippedImages(dir);
    }

    @Test
    void decompressesOnceIntoAReadOnlyFileWithAFixedMtime() throws Exception {
        Path image = RootfsCache.image(images);
        assertTrue(image.startsWith(dir.resolve("build/cache")), image.toString());
        assertArrayEquals(content, Files.readAllBytes(image));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        assertEquals(RootfsCache.FIXED_MTIME, Files.getLastModifiedTime(image));
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-r--r--"));   // a marker
        assertEquals(image, RootfsCache.image(images));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)), "reused, not redone");
    }

    @Test
    void aCachedImageThatChangedIsDecompressedAgain() throws Exception {
        Path image = RootfsCache.image(images);
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] damaged = content.clone();
        damaged[1000] ^= 1;
        Files.write(image, damaged);
        assertEquals(image, RootfsCache.image(images));
        assertArrayEquals(content, Files.readAllBytes(image));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
    }

    @Test
    void aCompressedImageThatDoesNotMatchSha256SumsIsRefused() throws Exception {
        Files.writeString(dir.resolve("SHA256SUMS"), "00".repeat(32) + "  rootfs.ext2.gz\n");
        UserError e = assertThrows(UserError.class, () -> RootfsCache.image(images));
        assertTrue(e.getMessage().contains(dir.resolve("rootfs.ext2.gz") + ": sha256 "), e.getMessage());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        try (var files = Files.list(dir.resolve("build/cache"))) {
            assertEquals(0, files.count(), "nothing left in the cache");
        }
    }

    @Test
    void missingChecksumIsAUserError() throws Exception {
        Files.writeString(dir.resolve("SHA256SUMS"), "");
        UserError e = assertThrows(UserError.class, () -> RootfsCache.image(images));
        assertEquals(dir.resolve("SHA256SUMS") + ": has no checksum for rootfs.ext2.gz", e.getMessage());
    }
}
