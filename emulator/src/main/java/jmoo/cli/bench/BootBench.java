package jmoo.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jmoo.cli.UserError;
import jmoo.disks.ShippedImages;
import jmoo.machine.RunOutcome;
import jmoo.profile.GuestProfiler;
import jmoo.profile.ProfileReport;
import jmoo.replay.SystemMap;

/**
 * {@code ./jmoo bench boot}: the shipped kernel and initramfs (gunzipped by the bench unless
 * {@code --gzip-initrd}; the same file for both) booted to the rootfs' banner line, in jmoo (in this JVM: wall time from loading the kernel, guest instructions at the banner)
 * and in qemu-system-i386 TCG on the reference PC (wall time from starting the process), in
 * alternating rounds; prints the medians and the ratio. The first jmoo round includes the
 * JIT's warm-up, as a fresh `./jmoo` does.
 */
final class BootBench implements BenchMode {
    static final String BANNER = "=== jmoo guest: userspace up";
    static final String COMMAND_LINE = "console=ttyS0 panic=-1 " + ShippedImages.FAST_BOOT_ARGS;
    private static final String USAGE = "usage: ./jmoo bench boot [--rounds N] [--no-qemu] [--profile] [--gzip-initrd]"
            + "   (default 3 rounds)";
    static final String PROFILE_PHASE = "boot to the banner";
    private static final int PROFILE_TOP = 30;
    private static final long TIMEOUT_SECONDS = 300;

    /**
     * The parsed arguments; {@code profile}: one more, profiled, jmoo boot after the timed rounds;
     * {@code gzipInitrd}: boot the shipped initramfs.cpio.gz as it is, not its gunzipped copy.
     */
    record Options(int rounds, boolean qemu, boolean profile, boolean gzipInitrd, boolean help) {
        static Options parse(String[] args) throws UserError {
            BenchArgs.RoundsAndSwitches a = BenchArgs.roundsAndSwitches("bench boot", USAGE,
                    List.of("--no-qemu", "--profile", "--gzip-initrd"), args);
            return new Options(a.rounds(), !a.given().contains("--no-qemu"), a.given().contains("--profile"),
                    a.given().contains("--gzip-initrd"), a.help());
        }
    }

    @Override
    public String name() {
        return "boot";
    }

    @Override
    public String summary() {
        return "time to the shell banner, jmoo vs qemu-system-i386 TCG: [--rounds N] [--no-qemu] [--profile]"
                + " [--gzip-initrd]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args);
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        Path images = ShippedImages.inCheckout().dir();
        Path kernel = images.resolve("bzImage-lz4");
        Path shippedInitrd = images.resolve("initramfs.cpio.gz");
        for (Path p : new Path[] {kernel, shippedInitrd}) {
            if (!Files.isRegularFile(p)) {
                throw new UserError("bench boot: " + p + ": no such file (the shipped guest images)");
            }
        }
        if (options.gzipInitrd()) {
            measure(options, kernel, shippedInitrd, out, err);
            return 0;
        }
        Path dir = Files.createTempDirectory("jmoo-bench-boot-");
        Path initrd = dir.resolve("initramfs.cpio");
        try {
            gunzip(shippedInitrd, initrd);
            measure(options, kernel, initrd, out, err);
        } finally {
            Files.deleteIfExists(initrd);
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    /**
     * The shipped initramfs without its gzip layer: what jmoo and QEMU boot by default. Both then
     * skip inflating it in the guest (~25 instructions a byte), as a boot from a disk does.
     */
    static void gunzip(Path gz, Path to) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void measure(Options options, Path kernel, Path initrd, PrintStream out, PrintStream err)
            throws Exception {
        String qemuNote = !options.qemu() ? "--no-qemu" : HostTools.missingReason(QemuBoot.QEMU);
        out.printf("boot to the banner: %s + %s, \"%s\", %d rounds, jmoo and QEMU alternating%n",
                kernel.getFileName(), initrd.getFileName(), COMMAND_LINE, options.rounds());
        BootReport report = new BootReport(qemuNote);
        for (int round = 1; round <= options.rounds(); round++) {
            timeJmoo(kernel, initrd, report);
            if (qemuNote == null) {
                report.addQemu(QemuBoot.secondsToBanner(kernel, initrd, COMMAND_LINE, BANNER, TIMEOUT_SECONDS));
            }
            err.printf("bench boot: round %d done%n", round);
        }
        report.print(out);
        if (options.profile()) {
            GuestProfiler profiler = new GuestProfiler(SystemMap.read(ShippedImages.inCheckout().systemMap()),
                    GuestProfiler.DEFAULT_INTERVAL);
            bootToBanner(kernel, initrd, profiler);
            out.println();
            new ProfileReport(PROFILE_TOP).print(profiler, out);
        }
    }

    private static void timeJmoo(Path kernel, Path initrd, BootReport report) throws Exception {
        Banner b = bootToBanner(kernel, initrd, null);
        report.addJmoo((b.line().wallNanos() - b.startNanos()) / 1e9, b.line().instructions());
    }

    /** The banner line and the host clock at the start of the boot that printed it. */
    record Banner(ConsoleLine line, long startNanos) {
    }

    /** Boots jmoo to the banner line; {@code profiler} (may be null) samples it all as {@value #PROFILE_PHASE}. */
    static Banner bootToBanner(Path kernel, Path initrd, GuestProfiler profiler) throws Exception {
        ConsoleLine[] banner = new ConsoleLine[1];
        InProcessGuest.Run run = InProcessGuest.boot(kernel, initrd, COMMAND_LINE, List.of(), false, line -> {
            if (banner[0] == null && line.text().startsWith(BANNER)) {
                banner[0] = line;
                return true;
            }
            return false;
        }, profiler, PROFILE_PHASE);
        if (banner[0] == null) {
            throw new UserError("bench boot: jmoo ended without the banner (" + run.outcome().message()
                    + "); its last lines:\n" + run.consoleTail());
        }
        if (run.outcome().kind() == RunOutcome.Kind.CRASH) {
            throw new UserError("bench boot: jmoo crashed: " + run.outcome().message());
        }
        return new Banner(banner[0], run.startNanos());
    }
}
