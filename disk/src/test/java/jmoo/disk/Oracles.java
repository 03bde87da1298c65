package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * External reference tools (uml_mkcow, uml_moo). A test that needs one skips when it is missing,
 * unless JMOO_REQUIRE_ORACLES=1, when it fails.
 */
public final class Oracles {
    private Oracles() {
    }

    /** Skips (or fails under JMOO_REQUIRE_ORACLES=1) unless {@code tool} is on the PATH. */
    public static void require(String tool) {
        boolean found = find(tool) != null;
        if (!found && "1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            fail(tool + " is required (JMOO_REQUIRE_ORACLES=1) but not on the PATH");
        }
        assumeTrue(found, tool + " not installed");
    }

    static Path find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.toPath();
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/sbin")) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.toPath();
            }
        }
        return null;
    }

    /** Runs a tool in {@code dir}; returns its combined output. Fails on a non-zero exit. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Result r = runAllowingFailure(dir, command);
        assertEquals(0, r.exit, String.join(" ", command) + " failed:\n" + r.output);
        return r.output;
    }

    public record Result(int exit, String output) {
    }

    public static Result runAllowingFailure(Path dir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Path exe = find(cmd.get(0));
        if (exe != null) {
            cmd.set(0, exe.toString());
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
