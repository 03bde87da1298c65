package jmoo.disks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.cli.UserError;

/**
 * The guest images committed in the checkout's images/ folder (images/README.md): what plain
 * {@code ./jmoo} boots. The checkout is the system property {@code jmoo.root} (set by the
 * launcher), else the working directory.
 */
public record ShippedImages(Path dir) {
    /** The kernel command line images/README.md recommends, before the user's arguments. */
    public static final String DISK_ROOT_ARGS = "root=/dev/ubda rw";
    public static final String FAST_BOOT_ARGS = "lpj=312500";

    public static ShippedImages inCheckout() {
        Path root = Path.of(System.getProperty("jmoo.root", System.getProperty("user.dir")));
        Path dir = root.resolve("images");
        if (!Files.isDirectory(dir) && root.getParent() != null) {
            dir = root.getParent().resolve("images");   // tests run in a module folder
        }
        return new ShippedImages(dir.toAbsolutePath().normalize());
    }

    public Path kernel() {
        return dir.resolve("bzImage-lz4");
    }

    public Path systemMap() {
        return dir.resolve("System.map.gz");
    }

    public Path compressedRootfs() {
        return dir.resolve("rootfs.ext2.gz");
    }

    public Path sums() {
        return dir.resolve("SHA256SUMS");
    }

    /** Where the decompressed root filesystem is kept: $JMOO_CACHE, else images/build/cache (git-ignored). */
    public Path cacheDir() {
        String env = System.getenv("JMOO_CACHE");
        return env != null && !env.isEmpty() ? Path.of(env) : dir.resolve("build").resolve("cache");
    }

    /** The sha256 that SHA256SUMS records for {@code name}. */
    public String expectedSha256(String name) throws UserError {
        try {
            for (String line : Files.readAllLines(sums())) {
                String[] f = line.trim().split("\\s+\\*?", 2);
                if (f.length == 2 && f[1].equals(name)) {
                    return f[0].toLowerCase();
                }
            }
        } catch (IOException e) {
            throw new UserError(sums() + ": cannot read the shipped images' checksums (" + DiskOpener.describe(e) + ")");
        }
        throw new UserError(sums() + ": has no checksum for " + name);
    }
}
