package jmoo.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jmoo.cli.UserError;

/**
 * Runs jmoo.bench.disk.InterleavedRun from the bench jar: raw and COW take turns in one JVM and
 * each result is a median over rounds (robust on a loaded machine, and done in seconds).
 */
final class InterleavedDiskRun {
    private InterleavedDiskRun() {
    }

    /** Results by scenario key (see {@link DiskScenario#key()}). */
    static Map<String, Measured> run(BenchJar jar, Path dir, int rounds, int sliceMillis, PrintStream progress)
            throws IOException, UserError {
        List<String> argv = List.of(BenchJar.javaBinary(), "-Djmoo.bench.dir=" + dir, "-cp", jar.path().toString(),
                "jmoo.bench.disk.InterleavedRun", Integer.toString(rounds), Integer.toString(sliceMillis));
        Map<String, Measured> results = new HashMap<>();
        String out = Command.run(argv, 900, line -> {
            if (line.startsWith("RESULT ")) {
                progress.println("  measured " + line.split(" ")[1]);
            }
        });
        for (String line : out.split("\n")) {
            if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                results.put(f[1], new Measured(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        }
        return results;
    }
}
