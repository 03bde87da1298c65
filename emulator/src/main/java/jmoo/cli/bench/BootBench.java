package jmoo.cli.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disks.ShippedImages;
import jmoo.machine.RunOutcome;

/**
 * {@code ./jmoo bench boot}: the shipped kernel and initramfs booted to the rootfs' banner line,
 * in jmoo (in this JVM: wall time from loading the kernel, guest instructions at the banner)
 * and in qemu-system-i386 TCG on the reference PC (wall time from starting the process), in
 * alternating rounds; prints the medians and the ratio. The first jmoo round includes the
 * JIT's warm-up, as a fresh `./jmoo` does.
 */
final class BootBench implements BenchMode {
    static final String BANNER = "=== jmoo guest: userspace up";
    static final String COMMAND_LINE = "console=ttyS0 panic=-1 " + ShippedImages.FAST_BOOT_ARGS;
    private static final String USAGE = "usage: ./jmoo bench boot [--rounds N] [--no-qemu]   (default 3 rounds)";
    private static final long TIMEOUT_SECONDS = 300;

    /** The parsed arguments. */
    record Options(int rounds, boolean qemu, boolean help) {
        static Options parse(String[] args) throws UserError {
            BenchArgs.RoundsAndSwitch a = BenchArgs.roundsAndSwitch("bench boot", USAGE, "--no-qemu", args);
            return new Options(a.rounds(), !a.switchGiven(), a.help());
        }
    }

    @Override
    public String name() {
        return "boot";
    }

    @Override
    public String summary() {
        return "time to the shell banner, jmoo vs qemu-system-i386 TCG: [--rounds N] [--no-qemu]";
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
        Path initrd = images.resolve("initramfs.cpio.gz");
        for (Path p : new Path[] {kernel, initrd}) {
            if (!Files.isRegularFile(p)) {
                throw new UserError("bench boot: " + p + ": no such file (the shipped guest images)");
            }
        }
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
        return 0;
    }

    private static void timeJmoo(Path kernel, Path initrd, BootReport report) throws Exception {
        ConsoleLine[] banner = new ConsoleLine[1];
        InProcessGuest.Run run = InProcessGuest.boot(kernel, initrd, COMMAND_LINE, List.of(), false, line -> {
            if (banner[0] == null && line.text().startsWith(BANNER)) {
                banner[0] = line;
                return true;
            }
            return false;
        });
        if (banner[0] == null) {
            throw new UserError("bench boot: jmoo ended without the banner (" + run.outcome().message()
                    + "); its last lines:\n" + run.consoleTail());
        }
        if (run.outcome().kind() == RunOutcome.Kind.CRASH) {
            throw new UserError("bench boot: jmoo crashed: " + run.outcome().message());
        }
        report.addJmoo((banner[0].wallNanos() - run.startNanos()) / 1e9, banner[0].instructions());
    }
}
