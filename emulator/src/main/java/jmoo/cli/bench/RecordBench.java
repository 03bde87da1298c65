package jmoo.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jmoo.cli.UserError;
import jmoo.disks.ShippedImages;
import jmoo.replay.Directories;

/**
 * {@code ./jmoo bench record}: the cost of {@code --record}. Plain `./jmoo` (the shipped kernel
 * and rootfs) runs a short piped script ending in poweroff (or, with {@code --crash}, in a SysRq
 * crash), each run a fresh JVM as a user starts it, in rounds alternating unrecorded and
 * {@code --record DIR}; prints the median wall times (process start to exit, bundle writing
 * included), the overhead and the bundle's size on disk. An unrecorded crash still writes its
 * bundle (to a scratch $JMOO_CRASH_DIR): that run pays for it too.
 */
final class RecordBench implements BenchMode {
    static final String MARKER = "jmoo-bench-42";
    private static final String USAGE = "usage: ./jmoo bench record [--rounds N] [--crash]   (default 3 rounds, poweroff)";
    private static final long TIMEOUT_SECONDS = 300;

    /** The parsed arguments. */
    record Options(int rounds, boolean crash, boolean help) {
        static Options parse(String[] args) throws UserError {
            BenchArgs.RoundsAndSwitch a = BenchArgs.roundsAndSwitch("bench record", USAGE, "--crash", args);
            return new Options(a.rounds(), a.switchGiven(), a.help());
        }

        /** The guest's console input: some shell work, then the end of the run. */
        String script() {
            String end = crash ? "echo c > /proc/sysrq-trigger" : "poweroff -f";
            return "echo jmoo-bench-$((6*7)); ls -lR /etc /bin > /dev/null; sync\n" + end + "\n";
        }

        /** `./jmoo`'s exit status at the end of the script. */
        int expectedStatus() {
            return crash ? 1 : 0;
        }
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public String summary() {
        return "--record's cost: the shipped guest unrecorded vs recorded, bundle size: [--rounds N] [--crash]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args);
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        ShippedImages images = ShippedImages.inCheckout();
        if (!Files.isRegularFile(images.kernel()) || !Files.isRegularFile(images.compressedRootfs())) {
            throw new UserError("bench record: no shipped guest images in " + images.dir());
        }
        Path scratch = Files.createTempDirectory("jmoo-bench-record");
        try {
            Path script = scratch.resolve("script.txt");
            Files.writeString(script, options.script(), StandardCharsets.UTF_8);
            out.printf("%s: the shipped guest, script %s, %d rounds, unrecorded and --record alternating%n",
                    options.crash() ? "boot and crash" : "boot and poweroff", quoted(options.script()), options.rounds());
            RecordReport report = new RecordReport();
            for (int round = 1; round <= options.rounds(); round++) {
                report.addPlain(timeRun(options, script, scratch.resolve("crashes"), null));
                Path bundle = scratch.resolve("rec-" + round);
                double seconds = timeRun(options, script, scratch.resolve("crashes"), bundle);
                report.addRecorded(seconds, allocatedBytes(bundle), apparentBytes(bundle));
                Directories.deleteTree(bundle);
                err.printf("bench record: round %d done%n", round);
            }
            report.print(out);
            return 0;
        } finally {
            Directories.deleteTree(scratch);
        }
    }

    /** One `./jmoo` run in a child JVM, recorded into {@code bundle} unless it is null; its wall seconds. */
    private static double timeRun(Options options, Path script, Path crashDir, Path bundle) throws Exception {
        List<String> argv = new ArrayList<>(List.of(BenchJar.javaBinary(), "-cp", System.getProperty("java.class.path"),
                "-Djmoo.root=" + ShippedImages.inCheckout().dir().getParent(), "jmoo.cli.Main"));
        if (bundle != null) {
            argv.addAll(List.of("--record", bundle.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(script.toFile());
        builder.environment().put("JMOO_CRASH_DIR", crashDir.toString());
        boolean[] marker = {false};
        ChildGuest.Run run = ChildGuest.run(builder, TIMEOUT_SECONDS, line -> {
            marker[0] |= line.text().startsWith(MARKER);
            return false;
        });
        double seconds = (System.nanoTime() - run.startNanos()) / 1e9;
        String which = bundle == null ? "unrecorded" : "recorded";
        if (!marker[0] || run.exitStatus() != options.expectedStatus()) {
            throw new UserError("bench record: the " + which + " run ended with status " + run.exitStatus()
                    + (marker[0] ? "" : " without printing " + MARKER) + "; its last lines:\n" + run.consoleTail());
        }
        if (bundle != null && !Files.isRegularFile(bundle.resolve("manifest.json"))) {
            throw new UserError("bench record: the recorded run left no " + bundle.resolve("manifest.json"));
        }
        return seconds;
    }

    /** Bytes the files under {@code dir} occupy on disk, as {@code du -s -B1} counts them. */
    static long allocatedBytes(Path dir) throws IOException, UserError {
        List<String> lines = new ArrayList<>();
        Command.run(List.of("du", "-s", "-B1", dir.toString()), 60, lines::add);
        if (lines.isEmpty() || !lines.get(0).matches("\\d+\\s.*")) {
            throw new UserError("bench record: du printed no size for " + dir + ": " + lines);
        }
        return Long.parseLong(lines.get(0).split("\\s")[0]);
    }

    /** The sum of the regular files' lengths under {@code dir}. */
    static long apparentBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static String quoted(String script) {
        return "\"" + script.replace("\n", "\\n") + "\"";
    }
}
