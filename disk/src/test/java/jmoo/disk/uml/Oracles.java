package jmoo.disk.uml;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external tools these tests compare against (linux.uml, uml_moo, mke2fs, debugfs,
 * e2fsck). A missing tool skips the test, unless JMOO_REQUIRE_ORACLES=1 (CI), where it fails.
 */
final class Oracles {
    private Oracles() {
    }

    static Path tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        unavailable(name + " is not installed");
        throw new AssertionError("unreachable");
    }

    /** Skips (or, with JMOO_REQUIRE_ORACLES=1, fails) the running test because an oracle is missing. */
    static void unavailable(String why) {
        if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            fail("oracle unavailable and JMOO_REQUIRE_ORACLES=1: " + why);
        }
        Assumptions.abort("oracle unavailable: " + why);
    }

    /** The checkout's root folder (surefire passes it as jmoo.root). */
    static Path repoRoot() {
        String root = System.getProperty("jmoo.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(p.resolve("images/uml"))) {
            fail("cannot find images/uml/ under the checkout root " + p + " (set -Djmoo.root)");
        }
        return p;
    }
}
