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
 * debugfs, e2fsck). A missing tool skips the test, unless JMOO_REQUIRE_ORACLES=1 (CI) makes it a
 * failure.
 */
final class OracleTools {
    /** A finished (or, when {@code timedOut}, killed) tool run; stdout and stderr merged. */
    record Run(List<String> command, Path dir, int exitCode, boolean timedOut, String output) {
        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** The output of a run that must have succeeded; else fails naming the command. */
        String orFail() {
            if (!succeeded()) {
                throw new AssertionError(describe());
            }
            return output;
        }

        String describe() {
            return "'" + String.join(" ", command) + "' in " + dir + (timedOut ? " timed out" : " exited " + exitCode)
                    + ":\n" + (output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000));
        }
    }

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
        unavailable(tool + " is not installed (Debian packages: see .ci/install-deps)");
        throw new AssertionError("unreachable");
    }

    /** Skips the running test (fails it under JMOO_REQUIRE_ORACLES=1) because an oracle is missing. */
    static void unavailable(String why) {
        if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            fail("oracle unavailable and JMOO_REQUIRE_ORACLES=1: " + why);
        }
        Assumptions.abort("oracle unavailable: " + why);
    }

    /** Runs {@code command} in {@code dir} with stdin from /dev/null, killing it after {@code timeoutSeconds}. */
    static Run run(List<String> command, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
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
        return new Run(List.copyOf(command), dir, finished ? p.exitValue() : -1, !finished, output);
    }
}
