package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Guest boots of the shipped kernel and rootfs through {@code ./jmoo} in a child JVM, for the tests here. */
abstract class GuestDiskBoots {
    @TempDir
    Path dir;
    /** The cached shipped rootfs (read-only on disk) and its sha256 before the test. */
    Path rootfs;
    String rootfsSha;

    @BeforeEach
    void shippedRootfs() throws Exception {
        ShippedImages images = ShippedImages.inCheckout();
        assumeTrue(Files.isRegularFile(images.kernel()) && Files.isRegularFile(images.compressedRootfs()),
                "no shipped guest images in " + images.dir());
        rootfs = RootfsCache.image(images);
        rootfsSha = Sha256.ofFile(rootfs);
    }

    /** Boots with {@code args}, types {@code commands}, expects a clean power-off; returns the console. */
    String boot(String commands, String... args) throws Exception {
        Path err = dir.resolve("stderr.txt");
        try (JmooProcess jmoo = JmooProcess.start(err, args)) {
            jmoo.type(commands);
            int status = jmoo.awaitExit();
            String console = jmoo.console();
            assertEquals(0, status, console + Files.readString(err));
            assertTrue(Files.readString(err).contains("the guest powered off"), Files.readString(err));
            return console;
        }
    }

    Path pattern(String name, int size, char fill) throws IOException {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        return Files.write(dir.resolve(name), b);
    }

    /** True when the file's bytes contain {@code text} (read in full: the files here are small and sparse). */
    static boolean contains(Path file, String text) throws IOException {
        byte[] hay = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
