package jmoo.disks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's linux.uml (x86-64) booting the dual-arch root filesystem of
 * images/uml/build-dual-rootfs.sh headless through {@code ubd0=...}: its /uml/init runs a shell
 * script passed on the kernel command line (sh -e), prints {@code JMOO-UML-DONE rc=N} and powers
 * off. Returns the console (the kernel log and the script's output).
 */
final class UmlKernel {
    private static final Pattern DONE = Pattern.compile("JMOO-UML-DONE rc=(\\d+)");
    private static final long TIMEOUT_SECONDS = 180;

    private UmlKernel() {
    }

    /** Builds the dual-arch image at {@code out} from the shipped i386 ext2 (skips the test when it cannot). */
    static Path buildDualRootfs(Path shippedExt2, Path out) throws Exception {
        Path script = ShippedImages.inCheckout().dir().resolve("uml/build-dual-rootfs.sh");
        OracleTools.Run run = OracleTools.run(List.of(OracleTools.require("bash").toString(), script.toString(),
                shippedExt2.toString(), out.toString()), out.getParent(), 300);
        if (!run.succeeded()) {
            // The usual cause: no x86-64 busybox here and none could be downloaded.
            OracleTools.unavailable("images/uml/build-dual-rootfs.sh failed: " + run.describe());
        }
        return out;
    }

    /** Boots with disk argument {@code ubd0} (e.g. {@code ubd0=COW,BACKING}), runs {@code script}, requires rc=0. */
    static String run(Path dir, String ubd0, String script) throws Exception {
        List<String> argv = new ArrayList<>(List.of(OracleTools.require("linux.uml").toString(), ubd0,
                "root=/dev/ubda", "rw", "mem=64M", "con=null", "con0=fd:0,fd:1", "init=/uml/init",
                "jmoo_script=" + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8))));
        OracleTools.Run run = OracleTools.run(argv, dir, TIMEOUT_SECONDS);
        Matcher m = DONE.matcher(run.output());
        if (run.timedOut() || !m.find() || !m.group(1).equals("0")) {
            throw new AssertionError("UML did not finish the guest script with rc=0: " + run.describe());
        }
        return run.output();
    }
}
