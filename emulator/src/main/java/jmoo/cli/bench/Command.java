package jmoo.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jmoo.cli.UserError;

/** Runs an external program (the JMH runner, qemu-img) with a time limit, capturing its output. */
final class Command {
    private Command() {
    }

    /**
     * Runs {@code argv}, handing each output line (stdout and stderr merged) to {@code lines},
     * and returns the whole output. A non-zero exit or a timeout is a {@link UserError} naming
     * a log file that keeps the output.
     */
    static String run(List<String> argv, long timeoutSeconds, Consumer<String> lines) throws IOException, UserError {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder all = new StringBuilder();
        Thread reader = new Thread(() -> copyLines(p, all, lines), "bench-output");
        reader.start();
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
        String out;
        synchronized (all) {
            out = all.toString();
        }
        if (!done) {
            throw new UserError(argv.get(0) + " did not finish within " + timeoutSeconds + " s; its output is in " + keep(argv, out));
        }
        if (p.exitValue() != 0) {
            throw new UserError(argv.get(0) + " failed (exit " + p.exitValue() + "); its output is in " + keep(argv, out));
        }
        return out;
    }

    private static void copyLines(Process p, StringBuilder all, Consumer<String> lines) {
        try (var in = p.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (all) {
                    all.append(line).append('\n');
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            // The process died; its exit status tells the caller.
        }
    }

    private static Path keep(List<String> argv, String output) throws IOException {
        Path log = Files.createTempFile("jmoo-bench-", ".log");
        Files.writeString(log, String.join(" ", argv) + "\n" + output);
        return log;
    }
}
