package jmoo.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jmoo.cli.UserError;

/**
 * `./jmoo bench disk`: the JMH disk benchmarks (package jmoo.bench.disk) in a short run, each
 * COW result as a ratio to the raw-file baseline of the same run, next to qemu-img bench on
 * qcow2 doing the same work when qemu-img is installed.
 */
final class DiskBench implements BenchMode {
    private static final List<String> SHORT = List.of("-f", "1", "-wi", "1", "-w", "500ms", "-i", "2", "-r", "500ms");
    private static final List<String> FULL = List.of("-f", "2", "-wi", "2", "-w", "1s", "-i", "5", "-r", "1s");

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public String summary() {
        return "COW engine vs raw file (and qcow2): [--full] [--no-qemu] [--dir DIR]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        boolean full = false;
        boolean withQemu = true;
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> full = true;
                case "--no-qemu" -> withQemu = false;
                case "--dir" -> parent = Path.of(requireValue(args, ++i, "--dir"));
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
        JmhRunner jmh = JmhRunner.fromCheckout();
        List<DiskScenario> scenarios = DiskScenario.all();
        out.println("jmoo bench disk: " + (full ? "full" : "short") + " run, JMH " + String.join(" ", full ? FULL : SHORT)
                + ", files in " + parent + " (page cache warm)");
        List<JmhScore> scores = jmh.run("jmoo\\.bench\\.disk\\.", full ? FULL : SHORT,
                List.of("-Djmoo.bench.dir=" + parent), full ? 3600 : 900, err);
        Optional<QemuImg> qemu = withQemu ? QemuImg.find() : Optional.empty();
        List<Optional<QemuPeer.Result>> peers = qemu.isPresent()
                ? runPeers(qemu.get(), parent, full ? 4 : 1, scenarios, err)
                : scenarios.stream().map(s -> Optional.<QemuPeer.Result>empty()).toList();
        new DiskReport(scenarios, scores, peers).print(out);
        if (qemu.isPresent()) {
            out.println("qcow2: qemu-img bench -d 1 -t writeback -i " + qemu.get().aio()
                    + " (one request in flight), ratio to qemu-img bench on a raw file");
        } else {
            out.println(withQemu ? "qcow2: qemu-img not found (install qemu-utils for the comparison)" : "qcow2: skipped (--no-qemu)");
        }
        return 0;
    }

    private static List<Optional<QemuPeer.Result>> runPeers(QemuImg qemu, Path parent, int scale,
            List<DiskScenario> scenarios, PrintStream err) throws IOException, UserError {
        Path dir = Files.createTempDirectory(parent, "jmoo-qemu-bench-");
        try {
            QemuPeer peer = new QemuPeer(qemu, dir, scale);
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

    private static String requireValue(String[] args, int i, String option) throws UserError {
        if (i >= args.length) {
            throw new UserError("bench disk: " + option + " needs a value");
        }
        return args[i];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: ./jmoo bench disk [--full] [--no-qemu] [--dir DIR]");
        out.println();
        out.println("Runs the JMH disk benchmarks (bench/, package jmoo.bench.disk): 4 KiB random reads");
        out.println("(top-layer hit, miss to the backing, chains of depth 1/4/16), 4 KiB first writes and");
        out.println("overwrites, 1 MiB sequential reads and writes, each on jmoo's COW engine and on a raw");
        out.println("file through FileChannel in the same run; prints each result as a ratio to raw and next");
        out.println("to qemu-img bench on a qcow2 overlay doing the same work (when qemu-img is installed).");
        out.println("  --full     longer JMH run (2 forks, 5 x 1 s measured) and 4x the qemu-img requests");
        out.println("  --no-qemu  skip the qcow2 comparison");
        out.println("  --dir DIR  where the benchmark files go (default: java.io.tmpdir)");
    }
}
