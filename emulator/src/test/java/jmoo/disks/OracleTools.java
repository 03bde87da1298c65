package jmoo.disks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The external tools the guest-disk tests build with or compare against (gcc, ld, linux.uml,
 * debugfs). A missing tool skips the test, unless JMOO_REQUIRE_ORACLES=1 (CI) makes it a failure.
 */
final class OracleTools {
    private OracleTools() {
    }

    /** The tool's path; skips (or fails under JMOO_REQUIRE_ORACLES=1) when it is not installed. */
    static Path require(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        String why = tool + " is not installed (Debian packages: see .ci/install-deps)";
        if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            fail(why + " and JMOO_REQUIRE_ORACLES=1");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs {@code command} in {@code dir} with stdin from /dev/null and both outputs merged; fails
     * naming the command and showing its output when it times out or exits non-zero.
     */
    static String run(List<String> command, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "tool", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (!finished || p.exitValue() != 0) {
            throw new AssertionError("'" + String.join(" ", command) + "' in " + dir
                    + (finished ? " exited " + p.exitValue() : " timed out after " + timeoutSeconds + " s") + ":\n"
                    + tail(output));
        }
        return output;
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
}
