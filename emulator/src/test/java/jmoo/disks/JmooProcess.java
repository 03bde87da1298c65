package jmoo.disks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./jmoo} as scripts use it: the CLI in a child JVM (the test class path, the checkout's
 * images/) whose stdin is a pipe, so the bytes written go straight to the guest's console.
 */
final class JmooProcess implements AutoCloseable {
    static final long BOOT_TIMEOUT_SECONDS = 240;

    private final Process process;
    private final BufferedReader out;
    private final StringBuilder seen = new StringBuilder();

    private JmooProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static JmooProcess start(Path errFile, String... args) throws IOException {
        return start(errFile, command(args));
    }

    /**
     * The same with a terminal: util-linux {@code script} gives jmoo a pseudo-terminal (so the
     * console has its Ctrl-A escapes and the monitor) and copies this process's pipe to it.
     */
    static JmooProcess startOnTerminal(Path errFile, String... args) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String word : command(args)) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        return start(errFile, List.of("script", "-qfec", line.toString().trim(), "/dev/null"));
    }

    private static List<String> command(String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djmoo.root=" + ShippedImages.inCheckout().dir().getParent(), "-cp", classpath, "jmoo.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static JmooProcess start(Path errFile, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
        Thread watchdog = new Thread(() -> killAfterTimeout(p), "jmoo-test-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return new JmooProcess(p);
    }

    /** A guest that hangs must not hang the test run: its console reader then sees the end. */
    private static void killAfterTimeout(Process p) {
        try {
            if (!p.waitFor(BOOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
    }

    /** Types {@code text} on the guest's console. */
    void type(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads the console until a line contains {@code marker}; false at the end of the output. */
    boolean awaitLine(String marker) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Closes stdin, reads the console to its end and returns the exit status (killed: 137). */
    int awaitExit() throws IOException, InterruptedException {
        process.getOutputStream().close();
        awaitLine("\u0000never\u0000");
        return process.waitFor();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, no close. */
    void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Everything the console printed so far. */
    String console() {
        return seen.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
