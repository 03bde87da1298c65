package jmoo.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jmoo.cli.UserError;

/**
 * `./jmoo bench disk`: jmoo's COW engine against a raw file through FileChannel, each result
 * as a ratio to raw, next to qemu-img bench on qcow2 doing the same work when qemu-img is
 * installed. By default a short interleaved run (raw and COW take turns in one JVM, medians over
 * rounds: seconds, and steady on a loaded machine); {@code --jmh} runs the JMH suite instead.
 */
final class DiskBench implements BenchMode {
    private static final List<String> JMH_SHORT = List.of("-f", "1", "-wi", "1", "-w", "500ms", "-i", "3", "-r", "500ms");

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public String summary() {
        return "COW engine vs raw file (and qcow2): [--rounds N] [--slice-ms M] [--jmh] [--no-qemu] [--dir DIR]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        boolean jmhRun = false;
        boolean withQemu = true;
        int rounds = 20;
        int sliceMillis = 50;
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jmh" -> jmhRun = true;
                case "--no-qemu" -> withQemu = false;
                case "--rounds" -> rounds = positive(args, ++i, "--rounds");
                case "--slice-ms" -> sliceMillis = positive(args, ++i, "--slice-ms");
                case "--dir" -> parent = Path.of(value(args, ++i, "--dir"));
                case "--help", "-h" -> {
                    printHelp(out);
                    return 0;
                }
                default -> throw new UserError("bench disk: unknown option '" + args[i] + "' (try ./jmoo bench disk --help)");
            }
        }
        if (!Files.isDirectory(parent)) {
            throw new UserError("bench disk: --dir " + parent + " is not a folder");
        }
        BenchJar jar = BenchJar.fromCheckout();
        List<DiskScenario> scenarios = DiskScenario.all();
        Map<String, Measured> jmoo = new HashMap<>();
        if (jmhRun) {
            out.println("jmoo bench disk: JMH " + String.join(" ", JMH_SHORT) + ", files in " + parent + " (page cache warm)");
            List<JmhScore> scores = new JmhRunner(jar).run("jmoo\\.bench\\.disk\\.", JMH_SHORT,
                    List.of("-Djmoo.bench.dir=" + parent), 3600, err);
            scenarios.forEach(s -> jmoo.put(s.key(), s.fromJmh(scores)));
        } else {
            out.println("jmoo bench disk: raw and COW in turns, " + rounds + " rounds of " + sliceMillis
                    + " ms each; ops/s are medians, ratio the median of the rounds' ratios; files in " + parent
                    + " (page cache warm)");
            jmoo.putAll(InterleavedDiskRun.run(jar, parent, rounds, sliceMillis, err));
        }
        Optional<QemuImg> qemu = withQemu ? QemuImg.find() : Optional.empty();
        List<Optional<QemuPeer.Result>> peers = qemu.isPresent()
                ? runPeers(qemu.get(), parent, scenarios, err)
                : scenarios.stream().map(s -> Optional.<QemuPeer.Result>empty()).toList();
        new DiskReport(scenarios, jmoo, peers).print(out);
        if (qemu.isPresent()) {
            out.println("qcow2: qemu-img bench -d 1 -t unsafe (page cache, no flush at exit) -i " + qemu.get().aio()
                    + "; its ratio is to qemu-img bench on a raw file; medians of 3 turns");
        } else {
            out.println(withQemu ? "qcow2: qemu-img not found (install qemu-utils for the comparison)" : "qcow2: skipped (--no-qemu)");
        }
        return 0;
    }

    private static List<Optional<QemuPeer.Result>> runPeers(QemuImg qemu, Path parent, List<DiskScenario> scenarios,
            PrintStream err) throws IOException, UserError {
        Path dir = Files.createTempDirectory(parent, "jmoo-qemu-bench-");
        try {
            QemuPeer peer = new QemuPeer(qemu, dir, 1);
            List<Optional<QemuPeer.Result>> results = new ArrayList<>();
            for (DiskScenario s : scenarios) {
                err.println("  qemu-img bench: " + s.label());
                results.add(Optional.of(s.peer().run(peer)));
            }
            return results;
        } finally {
            deleteTree(dir);
        }
    }

    private static String value(String[] args, int i, String option) throws UserError {
        if (i >= args.length) {
            throw new UserError("bench disk: " + option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i, String option) throws UserError {
        String text = value(args, i, option);
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("bench disk: " + option + " wants a positive whole number, not '" + text + "'");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: ./jmoo bench disk [--rounds N] [--slice-ms M] [--jmh] [--no-qemu] [--dir DIR]");
        out.println();
        out.println("Measures jmoo's COW engine against a raw file through FileChannel: 4 KiB random reads");
        out.println("(top-layer hit, miss to the backing, chains of depth 1/4/16), 4 KiB first writes and");
        out.println("overwrites, 1 MiB sequential reads and writes (bench/, package jmoo.bench.disk). Prints");
        out.println("each result as a ratio to raw, next to qemu-img bench on a qcow2 overlay doing the same");
        out.println("work when qemu-img is installed. Files live in the page cache (\"cached\" I/O, no flush).");
        out.println("  --rounds N    turns of raw then COW per scenario (default 20); results are medians");
        out.println("  --slice-ms M  length of one turn (default 50)");
        out.println("  --jmh         run the JMH benchmarks instead (one fork each; minutes)");
        out.println("  --no-qemu     skip the qcow2 comparison");
        out.println("  --dir DIR     where the benchmark files go (default: java.io.tmpdir)");
    }
}
