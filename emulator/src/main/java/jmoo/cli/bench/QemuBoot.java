package jmoo.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;

/**
 * qemu-system-i386 TCG booting a kernel on the reference PC of images/check-boot-qemu.sh (486
 * without FPU, PSE, VME, with CMOV; 64 MiB), console on stdout, timed to a console line.
 */
final class QemuBoot {
    static final String QEMU = "qemu-system-i386";

    private QemuBoot() {
    }

    static List<String> commandLine(Path kernel, Path initrd, String append) {
        return List.of(QEMU, "-M", "pc", "-cpu", "486,-fpu,-pse,-vme,-hypervisor,+cmov", "-m", "64",
                "-nographic", "-no-reboot", "-monitor", "none", "-serial", "stdio", "-display", "none",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", append);
    }

    /** Seconds from starting QEMU to the first console line starting with {@code banner}. */
    static double secondsToBanner(Path kernel, Path initrd, String append, String banner, long timeoutSeconds)
            throws IOException, UserError {
        long[] at = {0};
        ChildGuest.Run run = ChildGuest.run(commandLine(kernel, initrd, append), timeoutSeconds, line -> {
            if (line.text().startsWith(banner)) {
                at[0] = line.wallNanos();
                return true;
            }
            return false;
        });
        if (!run.stopped()) {
            throw new UserError("bench boot: " + QEMU + " ended without the banner; its last lines:\n" + run.consoleTail());
        }
        return (at[0] - run.startNanos()) / 1e9;
    }
}
