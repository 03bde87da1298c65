package jmoo.disk.uml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The ext2 root filesystem the UML tests boot: built once per test JVM by
 * images/uml/build-rootfs.sh (a static x86-64 busybox and an init that runs the script passed
 * on the kernel command line, then powers off), and copied for each test that boots it, so
 * that every test owns its backing file.
 */
final class UmlRootfs {
    static final int SIZE_MIB = 16;
    private static Path built;

    private UmlRootfs() {
    }

    /** Copies the root filesystem to {@code target} (sparse copies are not needed: 16 MiB). */
    static Path copyTo(Path target) throws IOException, InterruptedException {
        Files.copy(image(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static synchronized Path image() throws IOException, InterruptedException {
        if (built == null) {
            Oracles.tool("mke2fs");
            Path dir = Files.createTempDirectory("jmoo-uml-rootfs-");
            Path img = dir.resolve("rootfs.ext2");
            Path script = Oracles.repoRoot().resolve("images/uml/build-rootfs.sh");
            ToolRun run = ToolRun.run(dir, 300, List.of("bash", script.toString(), img.toString(), Integer.toString(SIZE_MIB)));
            if (run.exitCode() != 0) {
                // The usual cause: no x86-64 busybox here and none could be downloaded.
                Oracles.unavailable("images/uml/build-rootfs.sh failed: " + run.tail());
            }
            img.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            built = img;
        }
        return built;
    }
}
