package jmoo.cli.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import jmoo.disks.ShippedImages;

/** The shipped kernel and rootfs for the tests here: skips a test when they have not been built. */
final class ShippedGuest {
    private ShippedGuest() {
    }

    static void assumeImages() {
        ShippedImages images = ShippedImages.inCheckout();
        assumeTrue(Files.isRegularFile(images.kernel()) && Files.isRegularFile(images.compressedRootfs()),
                "no shipped guest images in " + images.dir());
    }
}
