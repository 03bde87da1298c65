package jmoo.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;

/**
 * Runs JMH benchmarks from the bench module's jar ({@link BenchJar}) in a child JVM and returns
 * their scores. Each benchmark forks its own JVM there, so one benchmark's JIT profile does not
 * color another's.
 */
public final class JmhRunner {
    private final Path jar;

    JmhRunner(BenchJar jar) {
        this.jar = jar.path();
    }

    /** The runner for the checkout that `./jmoo` runs from. */
    public static JmhRunner fromCheckout() throws UserError {
        return new JmhRunner(BenchJar.fromCheckout());
    }

    /**
     * Runs the benchmarks matching {@code include} (a JMH regex) with extra JMH options and JVM
     * options for the forks; prints one line per benchmark started to {@code progress}.
     */
    public List<JmhScore> run(String include, List<String> jmhOptions, List<String> forkJvmArgs, long timeoutSeconds,
            PrintStream progress) throws IOException, UserError {
        Path csv = Files.createTempFile("jmoo-jmh-", ".csv");
        try {
            List<String> argv = new ArrayList<>(List.of(BenchJar.javaBinary(), "-Duser.language=en", "-Duser.country=US",
                    "-jar", jar.toString(), include, "-rf", "csv", "-rff", csv.toString()));
            argv.addAll(jmhOptions);
            if (!forkJvmArgs.isEmpty()) {
                argv.add("-jvmArgsAppend");
                argv.add(String.join(" ", forkJvmArgs));
            }
            StringBuilder current = new StringBuilder();
            Command.run(argv, timeoutSeconds, line -> reportProgress(line, current, progress));
            return JmhCsv.parse(Files.readString(csv));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void reportProgress(String line, StringBuilder current, PrintStream progress) {
        if (line.startsWith("# Benchmark: ")) {
            current.setLength(0);
            current.append(line.substring("# Benchmark: ".length()).replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1"));
        } else if (line.startsWith("# Parameters: ")) {
            current.append(' ').append(line.substring("# Parameters: ".length()));
        } else if (line.startsWith("# Fork: 1 of")) {
            progress.println("  running " + current);
        }
    }
}
