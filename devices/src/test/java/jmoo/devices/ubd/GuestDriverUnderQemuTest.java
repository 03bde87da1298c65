package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The other side of the ABI: the committed guest kernel and root filesystem under QEMU.
 * images/check-boot-qemu.sh boots both kernels to the banner and the autotest script;
 * images/ubd/check-ubd-qemu.sh runs the kernel's jmoo_ubd driver against a second model of the
 * port block played by gdb at QEMU's gdbstub (ext2 root on /dev/ubda, a read-only disk, flush,
 * power-off, panic notice). Skipped when the tools are missing, unless JMOO_REQUIRE_ORACLES=1.
 */
class GuestDriverUnderQemuTest {
    @Test
    void committedKernelsBootToTheAutotestUnderQemu() throws Exception {
        QemuOracles.requireTools("qemu-system-i386");
        String output = runScript(QemuOracles.IMAGES.resolve("check-boot-qemu.sh"));
        assertTrue(output.contains("PASS bzImage-lz4") && output.contains("PASS bzImage-xz"), output);
    }

    @Test
    void guestUbdDriverWorksAgainstTheAbiModel() throws Exception {
        QemuOracles.requireTools("qemu-system-i386", "gdb", "e2fsck", "debugfs", "python3");
        String output = runScript(QemuOracles.IMAGES.resolve("ubd/check-ubd-qemu.sh"));
        assertTrue(output.contains("PASS check-ubd-qemu"), output);
    }

    private static String runScript(Path script) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(script), script + " is missing or not executable");
        Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(script + " did not finish in 10 minutes");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
