package jmoo.cpu.system;

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
 * Finding and running the external tools the system tests use as oracles (binutils, QEMU).
 * A missing tool skips the test, unless JMOO_REQUIRE_ORACLES=1 (CI) makes it a failure.
 */
final class OracleTools {
    /** What a finished tool run left behind. {@code timedOut} runs were killed. */
    record Result(int exitStatus, boolean timedOut, String stdout, String stderr) {
    }

    private OracleTools() {
    }

    /** Skips (or fails under JMOO_REQUIRE_ORACLES=1) when {@code tool} is not on the PATH. */
    static void require(String tool) {
        if (onPath(tool)) {
            return;
        }
        String why = tool + " is not on the PATH (Debian: binutils / qemu-system-x86, see .ci/install-deps)";
        if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
            fail(why + " and JMOO_REQUIRE_ORACLES=1");
        }
        Assumptions.assumeTrue(false, why);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} in {@code dir}, killing it after {@code timeoutSeconds}. */
    static Result run(List<String> command, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "tool", ".out");
        Path err = Files.createTempFile(dir, "tool", ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor();
        }
        return new Result(finished ? p.exitValue() : -1, !finished,
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a build step that must succeed; a failure names the command and shows its output. */
    static void runOrFail(List<String> command, Path dir) throws IOException, InterruptedException {
        Result r = run(command, dir, 60);
        if (r.timedOut() || r.exitStatus() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' in " + dir + " failed (status "
                    + r.exitStatus() + (r.timedOut() ? ", timed out" : "") + "):\n" + r.stdout() + r.stderr());
        }
    }
}
