package jmoo.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jmoo.cli.UserError;
import jmoo.disks.ShippedImages;
import jmoo.profile.GuestProfiler;
import jmoo.profile.ProfileReport;
import jmoo.replay.SystemMap;

/**
 * {@code ./jmoo bench guest-disk}: a guest times {@code dd} on its second disk, a COW over a
 * backing full of data ({@link DdScript}), in jmoo (the shipped kernel and root filesystem, the
 * script on a third disk run by the rootfs' {@code jmoo.run=} hook) and, in the same run, in
 * Debian's linux.uml (the images/uml root filesystem) with the same dd commands; both timed by
 * the host clock between console markers.
 */
final class GuestDiskBench implements BenchMode {
    private static final String USAGE = "usage: ./jmoo bench guest-disk [--mib N] [--rounds N] [--no-uml] [--profile]"
            + "   (defaults: 64 MiB disk, 1 round)";
    static final String BOOT_PHASE = "boot and script start";
    static final String BETWEEN_PHASE = "between dd phases (sync, drop caches)";
    private static final int PROFILE_TOP = 25;
    private static final String DEVICE = "/dev/ubdb";
    private static final long TIMEOUT_SECONDS = 900;
    private static final int SCRIPT_DISK_BYTES = 64 << 10;

    /** The parsed arguments; {@code profile}: one more, profiled, jmoo run after the timed rounds. */
    record Options(int mib, int rounds, boolean uml, boolean profile, boolean help) {
        static Options parse(String[] args) throws UserError {
            int mib = 64;
            int rounds = 1;
            boolean uml = true;
            boolean profile = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--mib", "--rounds" -> {
                        if (i + 1 >= args.length) {
                            throw new UserError("bench guest-disk: " + args[i] + " needs a number (" + USAGE + ")");
                        }
                        int v = BenchArgs.positive("bench guest-disk", args[i], args[i + 1]);
                        if (args[i].equals("--mib")) {
                            mib = v;
                        } else {
                            rounds = v;
                        }
                        i++;
                    }
                    case "--no-uml" -> uml = false;
                    case "--profile" -> profile = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new UserError("bench guest-disk: unexpected argument " + args[i] + " (" + USAGE + ")");
                }
            }
            return new Options(mib, rounds, uml, profile, help);
        }
    }

    @Override
    public String name() {
        return "guest-disk";
    }

    @Override
    public String summary() {
        return "in-guest dd MiB/s on a COW disk, jmoo vs linux.uml: [--mib N] [--rounds N] [--no-uml] [--profile]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args);
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        ShippedImages shipped = ShippedImages.inCheckout();
        String umlNote = options.uml() ? HostTools.missingReason(UmlGuest.UML) : "--no-uml";
        Path dir = Files.createTempDirectory("jmoo-bench-guest-disk-");
        try {
            Path backing = dir.resolve("backing.img");
            writeBacking(backing, options.mib());
            String script = DdScript.text(DEVICE, options.mib());
            Path scriptDisk = dir.resolve("script.img");
            writeScriptDisk(scriptDisk, script);
            Path umlRoot = dir.resolve("uml-rootfs.ext2");
            if (umlNote == null) {
                UmlGuest.buildRootfs(shipped.dir().getParent(), umlRoot);
            }
            out.printf("guest dd on %s: a COW over a %d MiB backing of non-zero data, %d round(s); MiB/s by the host clock"
                    + " between console markers%n", DEVICE, options.mib(), options.rounds());
            GuestDiskReport report = new GuestDiskReport(options.mib(), umlNote);
            for (int round = 1; round <= options.rounds(); round++) {
                PhaseClock jmoo = runJmoo(shipped, dir, backing, scriptDisk, round, null);
                record(jmoo, "jmoo", options.mib(), report::addJmoo);
                if (umlNote == null) {
                    PhaseClock uml = runUml(dir, backing, umlRoot, script, round);
                    record(uml, "UML", options.mib(), report::addUml);
                }
                err.printf("bench guest-disk: round %d done%n", round);
            }
            report.print(DdScript.phases(DEVICE, options.mib()), out);
            if (options.profile()) {
                GuestProfiler profiler = new GuestProfiler(SystemMap.read(shipped.systemMap()),
                        GuestProfiler.DEFAULT_INTERVAL);
                runJmoo(shipped, dir, backing, scriptDisk, options.rounds() + 1, profiler);
                out.println();
                new ProfileReport(PROFILE_TOP).print(profiler, out);
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private interface Sink {
        void add(String phase, PhaseClock.Timed t);
    }

    private static void record(PhaseClock clock, String who, int mib, Sink sink) throws UserError {
        for (DdScript.Phase p : DdScript.phases(DEVICE, mib)) {
            PhaseClock.Timed t = clock.get(p.name());
            if (t == null || !t.ok()) {
                throw new UserError("bench guest-disk: " + who + "'s guest did not finish phase " + p.name()
                        + (t == null ? "" : " (dd failed: " + t.lastLine() + ")"));
            }
            sink.add(p.name(), t);
        }
    }

    /** One jmoo run of the script; {@code profiler} (may be null) samples it, one phase per dd. */
    private static PhaseClock runJmoo(ShippedImages shipped, Path dir, Path backing, Path scriptDisk, int round,
                                      GuestProfiler profiler) throws Exception {
        PhaseClock clock = new PhaseClock();
        String commandLine = "console=ttyS0 panic=-1 " + ShippedImages.FAST_BOOT_ARGS + " "
                + ShippedImages.DISK_ROOT_ARGS + " jmoo.run=/dev/ubdc";
        List<String> disks = List.of("ubd1=" + dir.resolve("jmoo-" + round + ".cow") + "," + backing,
                "ubd2r=" + scriptDisk);
        InProcessGuest.Run run = InProcessGuest.boot(shipped.kernel(), null, commandLine, disks, true, line -> {
            if (profiler != null) {
                enterProfilePhase(profiler, line.text().trim());
            }
            return clock.accept(line);
        }, profiler, BOOT_PHASE);
        if (!clock.finished()) {
            throw new UserError("bench guest-disk: jmoo's guest ended before the script did (" + run.outcome().message()
                    + "); its last lines:\n" + run.consoleTail());
        }
        return clock;
    }

    /** The dd phase a marker line starts, or the time between phases after one ends. */
    static void enterProfilePhase(GuestProfiler profiler, String line) {
        if (line.startsWith(DdScript.BEGIN)) {
            profiler.enter(line.substring(DdScript.BEGIN.length()).trim());
        } else if (line.startsWith(DdScript.END)) {
            profiler.enter(BETWEEN_PHASE);
        }
    }

    private static PhaseClock runUml(Path dir, Path backing, Path umlRoot, String script, int round)
            throws IOException, UserError {
        PhaseClock clock = new PhaseClock();
        List<String> disks = List.of("ubd0=" + dir.resolve("uml-root-" + round + ".cow") + "," + umlRoot,
                "ubd1=" + dir.resolve("uml-" + round + ".cow") + "," + backing);
        ChildGuest.Run run = UmlGuest.run(disks, script, TIMEOUT_SECONDS, clock::accept);
        if (!clock.finished()) {
            throw new UserError("bench guest-disk: UML's guest ended before the script did; its last lines:\n"
                    + run.consoleTail());
        }
        return clock;
    }

    /** {@code mib} MiB where every 4 KiB block differs and no byte is zero. */
    static void writeBacking(Path file, int mib) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int b = 0; b < mib * 256; b++) {
                Arrays.fill(block, (byte) (1 + b % 255));
                block[0] = (byte) (b >>> 8 | 1);
                out.write(block);
            }
        }
    }

    /** The script, then NULs up to a whole number of sectors (the rootfs hook reads up to the first NUL). */
    private static void writeScriptDisk(Path file, String script) throws IOException {
        byte[] text = script.getBytes(StandardCharsets.US_ASCII);
        if (text.length >= SCRIPT_DISK_BYTES) {
            throw new IOException("guest-disk script of " + text.length + " bytes does not fit its disk");
        }
        Files.write(file, Arrays.copyOf(text, SCRIPT_DISK_BYTES));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
