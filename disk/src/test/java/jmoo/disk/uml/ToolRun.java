package jmoo.disk.uml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an external program, stdin empty, stdout and stderr merged, with a time limit. */
record ToolRun(List<String> argv, int exitCode, boolean timedOut, String output) {

    static ToolRun run(Path workDir, long timeoutSeconds, List<String> argv) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "tool-", ".out");
        Process p = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            // UML runs its guest processes as host processes: end them with the kernel.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        Files.delete(out);
        return new ToolRun(argv, done ? p.exitValue() : -1, !done, text);
    }

    /** Throws with the command and the end of its output unless it exited 0. */
    ToolRun requireSuccess() {
        if (timedOut || exitCode != 0) {
            throw new AssertionError(String.join(" ", argv) + (timedOut ? " timed out" : " exited " + exitCode)
                    + "; output ends with:\n" + tail());
        }
        return this;
    }

    String tail() {
        return output.length() <= 3000 ? output : output.substring(output.length() - 3000);
    }
}
