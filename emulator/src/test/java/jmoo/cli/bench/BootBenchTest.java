package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import jmoo.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench boot`'s arguments, QEMU command line and report (no timing: the benchmark itself runs by hand). */
class BootBenchTest {
    @Test
    void parsesRoundsNoQemuAndProfile() throws UserError {
        assertEquals(new BootBench.Options(3, true, false, false, false), BootBench.Options.parse(new String[0]));
        assertEquals(new BootBench.Options(5, false, false, false, false),
                BootBench.Options.parse(new String[] {"--no-qemu", "--rounds", "5"}));
        assertEquals(new BootBench.Options(3, true, true, true, false),
                BootBench.Options.parse(new String[] {"--profile", "--gzip-initrd"}));
        assertTrue(BootBench.Options.parse(new String[] {"-h"}).help());
    }

    @Test
    void badArgumentsAreOneLineUserErrors() {
        for (String[] args : List.of(new String[] {"--rounds"}, new String[] {"--rounds", "-1"},
                new String[] {"--rounds", "x"}, new String[] {"--fast"})) {
            UserError e = assertThrows(UserError.class, () -> BootBench.Options.parse(args));
            assertTrue(e.getMessage().startsWith("bench boot: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void gunzippedInitrdHasTheShippedContent(@TempDir Path dir) throws Exception {
        byte[] cpio = "070701 some cpio bytes\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        Path gz = dir.resolve("initramfs.cpio.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(cpio);
        }
        Path plain = dir.resolve("initramfs.cpio");
        BootBench.gunzip(gz, plain);
        assertArrayEquals(cpio, Files.readAllBytes(plain));
    }

    @Test
    void qemuRunsTheReferencePcWithTheSameKernelAndArguments() {
        List<String> argv = QemuBoot.commandLine(Path.of("k"), Path.of("i"), BootBench.COMMAND_LINE);
        String line = String.join(" ", argv);
        assertTrue(line.startsWith("qemu-system-i386 "), line);
        assertTrue(line.contains("-cpu 486,-fpu,-pse,-vme,-hypervisor,+cmov -m 64 -nographic -no-reboot"), line);
        assertTrue(line.endsWith("-kernel k -initrd i -append console=ttyS0 panic=-1 lpj=312500"), line);
    }

    @Test
    void reportShowsRoundsMediansAndRatio() {
        BootReport r = new BootReport(null);
        r.addJmoo(10.0, 140_000_000);
        r.addQemu(4.0);
        r.addJmoo(6.0, 138_000_000);
        r.addQemu(5.0);
        r.addJmoo(7.0, 139_000_000);
        r.addQemu(3.0);
        assertEquals(7.0, r.jmooMedianSeconds());
        assertEquals(4.0, r.qemuMedianSeconds());
        assertEquals(1.75, r.ratio(), 1e-9);
        String text = print(r);
        assertTrue(text.contains("    2          6.00            138.0 M          5.00"), text);
        assertTrue(text.contains("jmoo: median 7.00 s to the banner, 139.0 M guest instructions (20 MIPS wall)"), text);
        assertTrue(text.contains("ratio jmoo/QEMU: 1.75 (target <= 2.0: met)"), text);
    }

    @Test
    void reportWithoutQemuSaysWhy() {
        BootReport r = new BootReport("qemu-system-i386 is not installed");
        r.addJmoo(9.0, 140_000_000);
        assertTrue(Double.isNaN(r.ratio()));
        String text = print(r);
        assertTrue(text.contains("QEMU: not measured (qemu-system-i386 is not installed)"), text);
        assertFalse(text.contains("ratio"), text);
    }

    private static String print(BootReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
