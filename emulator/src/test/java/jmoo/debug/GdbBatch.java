package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's real gdb in batch mode against a port: the oracle of the stub's protocol. */
public final class GdbBatch {
    private GdbBatch() {
    }

    /** Skips the test when gdb is missing, unless JMOO_REQUIRE_ORACLES=1 (then it fails). */
    public static void assumeGdb() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/gdb"));
        if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            assertTrue(present, "JMOO_REQUIRE_ORACLES=1 but gdb is not installed (apt-get install gdb)");
        }
        assumeTrue(present, "gdb is not installed");
    }

    /**
     * Runs {@code before} (e.g. "file prog.elf"), connects to 127.0.0.1:port, runs the commands,
     * and returns stdout and stderr together.
     */
    public static String run(int port, List<String> before, String... commands) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("set pagination off", "set confirm off"));
        all.addAll(before);
        all.add("target remote 127.0.0.1:" + port);
        all.addAll(List.of(commands));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/gdb", "-batch", "-nx"));
        for (String c : all) {
            cmd.add("-ex");
            cmd.add(c);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("gdb did not finish within 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
