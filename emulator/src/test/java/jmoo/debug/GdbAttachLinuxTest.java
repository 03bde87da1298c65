package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import jmoo.disks.ShippedImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's gdb attached to the shipped Linux guest while it runs ({@code --gdb 0}, no wait):
 * the boot reaches its shell, gdb attaches, breaks on a kernel function (address from the
 * shipped System.map), reads registers, watches {@code jiffies} for writes, reads and accesses,
 * breaks on the timer interrupt's entry stub (from the IDT), and detaches; a raw client then
 * attaches again, continues and stops the guest with Ctrl-C; the shell still answers afterwards.
 */
@Timeout(300)
class GdbAttachLinuxTest {
    private static final String ANNOUNCE = "gdb may attach: target remote 127.0.0.1:";
    /** Linux's vector for ISA IRQ 0 (the PIT) behind the 8259s. */
    private static final int TIMER_VECTOR = 0x30;

    @TempDir
    Path dir;

    @Test
    void gdbAttachesToARunningLinuxGuestWhichRunsOnAfterDetaching() throws Exception {
        GdbBatch.assumeGdb();
        ShippedImages images = ShippedImages.inCheckout();
        for (String f : List.of("bzImage-lz4", "rootfs.ext2.gz", "System.map.gz")) {
            assumeTrue(Files.isRegularFile(images.dir().resolve(f)), "shipped image " + f + " is not there");
        }
        Map<String, Long> symbols = symbols(images.dir().resolve("System.map.gz"));
        String schedulerTick = hex(symbols.get("scheduler_tick"));
        String jiffies = "*(unsigned int *)" + hex(symbols.get("jiffies"));

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "jmoo.cli.Main", "--gdb", "0"));
        pb.environment().put("JMOO_CRASH_DIR", dir.toString());
        Process boot = pb.start();
        try {
            StringBuffer console = new StringBuffer();
            StringBuffer errors = new StringBuffer();
            drain(boot.getInputStream(), console);
            OutputStream keys = boot.getOutputStream();
            type(keys, "echo up-$((6*7))\n");
            int port = announcedPort(boot, errors);
            awaitConsole(console, "up-42");

            String gdb = GdbBatch.run(port, List.of(),
                    "break *" + schedulerTick, "continue", "print $pc == " + schedulerTick, "info registers eip cs",
                    "continue", "print $pc == " + schedulerTick, "delete",
                    "watch " + jiffies, "continue", "delete",
                    "rwatch " + jiffies, "continue", "delete",
                    "awatch " + jiffies, "continue", "delete",
                    "set $gate = (unsigned int *)(" + hex(symbols.get("idt_table")) + " + 8 * " + TIMER_VECTOR + ")",
                    "set $timer = ($gate[0] & 0xffff) | ($gate[1] & 0xffff0000)",
                    "break *$timer", "continue", "print $pc == $timer", "print $pc >= " + hex(symbols.get("irq_entries_start")),
                    "delete", "detach");
            assertTrue(gdb.contains("Breakpoint 1, " + schedulerTick + " in ?? ()"), gdb);
            assertTrue(gdb.contains("$1 = 1") && gdb.contains("$2 = 1"), "stopped at scheduler_tick twice: " + gdb);
            assertTrue(gdb.matches("(?s).*eip\\s+" + schedulerTick + "\\s.*cs\\s+0x60\\s.*"), "kernel code segment: " + gdb);
            assertTrue(gdb.contains("Hardware watchpoint 2: " + jiffies + "\n\nOld value = "), gdb);
            assertTrue(gdb.contains("Hardware read watchpoint 3: " + jiffies + "\n\nValue = "), gdb);
            assertTrue(gdb.contains("Hardware access (read/write) watchpoint 4: " + jiffies + "\n\n"), gdb);
            assertTrue(gdb.contains("Breakpoint 5, "), "the timer interrupt's entry, reached by delivery: " + gdb);
            assertTrue(gdb.contains("$3 = 1") && gdb.contains("$4 = 1"), gdb);
            assertTrue(gdb.contains("[Inferior 1 (Remote target) detached]"), gdb);

            try (RspTestClient raw = new RspTestClient(port)) {
                assertEquals("S02", raw.request("?"), "attached: the guest is stopped");
                raw.sendRaw(new String(RspChannel.frame("c"), StandardCharsets.ISO_8859_1));
                raw.expectByte('+');
                Thread.sleep(300);
                raw.sendRaw("\u0003");
                assertEquals("S02", raw.readReply(), "Ctrl-C stopped the running guest");
                assertEquals("OK", raw.request("D"));
            }
            type(keys, "echo after-$((6*7))\n");
            awaitConsole(console, "after-42");
            type(keys, "poweroff\n");
            assertTrue(boot.waitFor(120, TimeUnit.SECONDS), console.toString());
            assertEquals(0, boot.exitValue(), errors.toString());
            assertTrue(errors.toString().contains("jmoo: gdb detached"), errors.toString());
        } finally {
            boot.destroyForcibly();
        }
    }

    private static Map<String, Long> symbols(Path systemMapGz) throws IOException {
        Map<String, Long> map = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(systemMapGz)), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                map.putIfAbsent(f[2], Long.parseLong(f[0], 16));
            }
        }
        return map;
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Copies a stream into {@code sink} on a daemon thread. */
    private static void drain(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] b = new byte[4096];
            try {
                for (int n; (n = in.read(b)) >= 0; ) {
                    sink.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Reads stderr up to the gdb announcement, then keeps draining it into {@code errors}. */
    private static int announcedPort(Process boot, StringBuffer errors) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(boot.getErrorStream(), StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            errors.append(line).append('\n');
            int at = line.indexOf(ANNOUNCE);
            if (at >= 0) {
                Thread t = new Thread(() -> {
                    try {
                        for (String l; (l = err.readLine()) != null; ) {
                            errors.append(l).append('\n');
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                t.setDaemon(true);
                t.start();
                return Integer.parseInt(line.substring(at + ANNOUNCE.length()).trim());
            }
        }
        throw new AssertionError("the boot never announced its gdb port: " + errors);
    }

    private static void awaitConsole(StringBuffer console, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (console.indexOf(text) < 0) {
            assertTrue(System.nanoTime() < deadline, "no '" + text + "' on the console: " + console);
            Thread.sleep(50);
        }
    }
}
