package jmoo.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jmoo.cli.UserError;

/**
 * Runs a guest in another emulator (qemu-system-i386, linux.uml) as a child process whose
 * stdout is the guest console, handing each line, stamped with the host clock, to a listener
 * until it returns true or the child exits; then the child is killed. (The lines carry no
 * instruction count: -1.)
 */
final class ChildGuest {
    private static final int TAIL_LINES = 15;

    /**
     * How the run ended: the host clock at the start, whether the listener stopped it, the last
     * lines, the exit status (137 or so when this class killed it).
     */
    record Run(long startNanos, boolean stopped, String consoleTail, int exitStatus) {
    }

    private ChildGuest() {
    }

    static Run run(List<String> argv, long timeoutSeconds, Predicate<ConsoleLine> stopAt) throws IOException, UserError {
        return run(new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE), timeoutSeconds, stopAt);
    }

    /** The same for a prepared process (its stdin, environment); its stderr joins the console. */
    static Run run(ProcessBuilder builder, long timeoutSeconds, Predicate<ConsoleLine> stopAt) throws IOException, UserError {
        List<String> argv = builder.command();
        long start = System.nanoTime();
        Process p = builder.redirectErrorStream(true).start();
        Deque<String> tail = new ArrayDeque<>();
        boolean[] stopped = {false};
        Thread reader = new Thread(() -> read(p, tail, stopAt, stopped), "bench-guest-console");
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            boolean timedOut = reader.isAlive();
            if (!timedOut && !stopped[0]) {
                p.waitFor(10, TimeUnit.SECONDS); // the console ended: let the child exit on its own
            }
            kill(p);
            reader.join(5000);
            String lines;
            synchronized (tail) {
                lines = String.join("\n", tail);
            }
            if (timedOut) {
                throw new UserError(argv.get(0) + " did not reach the end of its run within " + timeoutSeconds
                        + " s; its last lines:\n" + lines);
            }
            return new Run(start, stopped[0], lines, p.exitValue());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
    }

    private static void read(Process p, Deque<String> tail, Predicate<ConsoleLine> stopAt, boolean[] stopped) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                String text = line.replace("\r", "");
                synchronized (tail) {
                    tail.addLast(text);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (stopAt.test(new ConsoleLine(text, now, -1))) {
                    stopped[0] = true;
                    return;
                }
            }
        } catch (IOException e) {
            // the child died: the caller sees the end of the output
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
