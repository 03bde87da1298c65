package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** The committed guest images and the external tools (QEMU, gdb, e2fsprogs) that test them. */
final class QemuOracles {
    /** images/ of the repository (tests run in devices/). */
    static final Path IMAGES = Path.of("..", "images").toAbsolutePath().normalize();

    private QemuOracles() {
    }

    /** Skips the test unless every tool is installed; fails instead under JMOO_REQUIRE_ORACLES=1. */
    static void requireTools(String... tools) {
        for (String tool : tools) {
            boolean present = Arrays.stream((System.getenv("PATH") + ":/usr/sbin:/sbin").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!present && "1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
                fail(tool + " is required (JMOO_REQUIRE_ORACLES=1) but not installed");
            }
            assumeTrue(present, tool + " is not installed");
        }
    }

    static Path gunzip(Path gz, Path out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
