package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmoo.debug.GdbBatch;
import jmoo.machine.GuestAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's gdb attached to a live boot ({@code --gdb 0 --gdb-wait}) of the echo guest: a breakpoint
 * on its putc, registers read there twice, detach; the guest then runs on, echoes its input and
 * powers off normally.
 */
@Timeout(300)
class GdbBootTest {
    private static final String ANNOUNCE = "target remote 127.0.0.1:";

    @TempDir
    Path dir;

    @Test
    void gdbBreaksInALiveBootThatThenRunsToPowerOff() throws Exception {
        GdbBatch.assumeGdb();
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "jmoo.cli.Main", "--kernel", guest.toString(), "mem=16M", "--gdb", "0", "--gdb-wait"));
        pb.environment().put("JMOO_CRASH_DIR", dir.toString());
        Process boot = pb.start();
        try (OutputStream in = boot.getOutputStream()) {
            in.write("hi\n#".getBytes(StandardCharsets.UTF_8));
        }
        BufferedReader err = new BufferedReader(new InputStreamReader(boot.getErrorStream(), StandardCharsets.UTF_8));
        List<String> errLines = new ArrayList<>();
        int port = -1;
        for (String line; port < 0 && (line = err.readLine()) != null; ) {
            errLines.add(line);
            int at = line.indexOf(ANNOUNCE);
            if (at >= 0) {
                port = Integer.parseInt(line.substring(at + ANNOUNCE.length()).trim());
            }
        }
        assertTrue(port > 0, "the boot announces its gdb port: " + errLines);
        String gdb = GdbBatch.run(port, List.of("file " + guest), "info registers eip", "break putc", "continue",
                "print $pc == &putc", "print/c $al", "continue", "print/c $al", "delete", "detach");
        String out = new String(boot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(boot.waitFor(120, TimeUnit.SECONDS));
        String rest = new String(boot.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gdb.contains("Breakpoint 1, ") && gdb.contains(" in putc ()"), gdb);
        assertTrue(gdb.contains("<_start>"), "stopped before the first instruction: " + gdb);
        assertTrue(gdb.contains("$1 = 1"), gdb);
        assertTrue(gdb.contains("$2 = 114 'r'") && gdb.contains("$3 = 101 'e'"), "putc(\"ready\"...): " + gdb);
        assertEquals("ready\nhi\nreboot: Power down\n", out, gdb + rest);
        assertEquals(0, boot.exitValue(), rest);
        assertTrue(rest.contains("jmoo: gdb detached"), rest);
    }
}
