package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** `./jmoo` in its own JVM, as a script runs it: stdin a pipe, exit status and both outputs captured. */
public final class JmooProcess {
    /** What the process printed and returned. */
    public record Result(int status, String out, String err) {
    }

    private JmooProcess() {
    }

    public static Result run(Map<String, String> environment, String stdin, String... args) throws Exception {
        return runWithJvmOptions(List.of(), environment, stdin, args);
    }

    /** The same with options for the child JVM (e.g. {@code -Djmoo.jit=off}). */
    public static Result runWithJvmOptions(List<String> jvmOptions, Map<String, String> environment, String stdin,
                                           String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "jmoo.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }
}
