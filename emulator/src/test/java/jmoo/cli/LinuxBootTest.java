package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.disks.ShippedImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real boots of the shipped Linux guest (images/), scripted through the console as a user's
 * script would: commands piped into ./jmoo, output and exit status checked.
 */
@Timeout(900)
class LinuxBootTest {
    private static final ShippedImages IMAGES = ShippedImages.inCheckout();

    private static Path image(String name) {
        Path p = IMAGES.dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), "shipped image " + p + " is not there");
        return p;
    }

    @Test
    void plainJmooBootsTheShippedDiskToAShellThatRunsCommandsAndPowersOff() throws Exception {
        image("bzImage-lz4");
        image("rootfs.ext2.gz");
        String script = "uname -a\necho $((6*7))\nawk 'BEGIN { x = 0; for (i = 1; i <= 10; i++) x += 1 / i;"
                + " printf \"h10=%.6f\\n\", x }'\ncat /proc/cpuinfo\nmount\necho clock=$(date +%s)\ngrep rtc0 /proc/interrupts\n"
                + "poweroff\n";
        long hostSeconds = System.currentTimeMillis() / 1000;
        JmooProcess.Result r = JmooProcess.run(Map.of(), script);
        assertEquals(0, r.status(), r.err() + r.out());
        Matcher clock = Pattern.compile("\nclock=(\\d+)\r").matcher(r.out());
        assertTrue(clock.find(), r.out());
        assertTrue(Math.abs(Long.parseLong(clock.group(1)) - hostSeconds) < 600,
                "the guest's clock starts from the CMOS RTC (the run's start time): " + clock.group(1) + " vs " + hostSeconds);
        assertTrue(r.out().contains("XT-PIC      rtc0"), "the RTC driver owns IRQ 8: " + r.out());
        assertTrue(r.out().contains("Linux jmoo 6.1.192"), r.out());
        assertTrue(r.out().contains("\n42\r\n"), r.out());
        assertTrue(r.out().contains("h10=2.928968"), "x87 emulated by the kernel: " + r.out());
        assertTrue(r.out().contains("flags\t\t: cmov cpuid"), r.out());
        assertTrue(r.out().contains("/dev/root on / type ext2 (rw"), r.out());
        assertTrue(r.out().contains("reboot: Power down"), r.out());
        assertTrue(r.err().contains("the guest powered off"), r.err());
    }

    @Test
    void theEndOfPipedInputPowersTheShippedGuestOffAndTheTtyHasTheGivenSize() throws Exception {
        image("bzImage-lz4");
        image("rootfs.ext2.gz");
        JmooProcess.Result r = JmooProcess.run(Map.of(), "stty size\necho hi $((6*7))\nresize\n", "jmoo.winsize=132x43");
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("\n43 132\r\n"), "stty size shows jmoo.winsize: " + r.out());
        assertTrue(r.out().contains("\nhi 42\r\n"), r.out());
        assertTrue(r.out().contains("resize: the terminal did not say its size"), "no terminal, no hang: " + r.out());
        assertTrue(r.out().contains("=== jmoo guest: the console shell exited (end of input): powering off ==="), r.out());
        assertTrue(r.err().contains("the guest powered off"), r.err());
    }

    @Test
    void lz4BzImageWithTheInitramfsRunsTheAutotest() throws Exception {
        JmooProcess.Result r = JmooProcess.run(Map.of(), "", "--kernel", image("bzImage-lz4").toString(),
                "--initrd", image("initramfs.cpio.gz").toString(), "lpj=312500", "autotest");
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("autotest: 6*7=42"), r.out());
        assertTrue(r.out().contains("=== jmoo guest: /etc/autotest exited with status 0 ==="), r.out());
    }

    @Tag("slow")
    @Test
    void xzBzImageDecompressesItselfAndBoots() throws Exception {
        JmooProcess.Result r = JmooProcess.run(Map.of(), "", "--kernel", image("bzImage-xz").toString(),
                "--initrd", image("initramfs.cpio.gz").toString(), "lpj=312500", "autotest");
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("=== jmoo guest: /etc/autotest exited with status 0 ==="), r.out());
    }
}
