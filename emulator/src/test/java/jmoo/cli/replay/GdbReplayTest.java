package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jmoo.cli.JmooProcess;
import jmoo.debug.GdbBatch;
import jmoo.machine.GuestAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's gdb attached to ./jmoo replay: a breakpoint on a symbol of the guest (its putc),
 * registers read there twice, a breakpoint on the timer interrupt's handler, a watchpoint on its
 * tick counter, detach; the replay then runs on and must still reproduce the recording exactly,
 * so a debugger does not perturb the run.
 */
@Timeout(300)
class GdbReplayTest {
    @TempDir
    Path dir;

    @Test
    void gdbBreaksOnAGuestSymbolDuringAReplayThatStillReproducesExactly() throws Exception {
        GdbBatch.assumeGdb();
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()), "hi\n$",
                "--kernel", guest.toString(), "mem=16M", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process replay = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "jmoo.cli.Main", "replay", rec.toString(), "--gdb", "0")).start();
        replay.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(replay.getErrorStream(), StandardCharsets.UTF_8));
        List<String> errLines = new ArrayList<>();
        int port = -1;
        for (String line; port < 0 && (line = err.readLine()) != null; ) {
            errLines.add(line);
            int at = line.indexOf("target remote 127.0.0.1:");
            if (at >= 0) {
                port = Integer.parseInt(line.substring(at + "target remote 127.0.0.1:".length()).trim());
            }
        }
        assertTrue(port > 0, "the replay announces its gdb port: " + errLines);
        String gdb = GdbBatch.run(port, List.of("file " + guest), "break putc", "continue", "info registers eip",
                "print $pc == &putc", "print/c $al", "continue", "print/c $al", "monitor icount", "delete",
                "break timer", "continue", "print $pc == &timer", "delete",
                "watch *(int *)0x500", "continue", "delete", "detach");
        String out = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(replay.waitFor(120, TimeUnit.SECONDS));
        assertTrue(gdb.contains("Breakpoint 1, ") && gdb.contains(" in putc ()"), gdb);
        assertTrue(gdb.contains("$1 = 1"), gdb);
        assertTrue(gdb.contains("$2 = 114 'r'") && gdb.contains("$3 = 101 'e'"), "putc(\"ready\"...): " + gdb);
        assertTrue(gdb.contains("Breakpoint 2, ") && gdb.contains(" in timer ()") && gdb.contains("$4 = 1"),
                "the timer interrupt handler's entry, reached by interrupt delivery: " + gdb);
        assertTrue(gdb.contains("Hardware watchpoint 3: *(int *)0x500\n\nOld value = "), "the tick counter: " + gdb);
        assertEquals(0, replay.exitValue(), out + gdb);
        assertTrue(out.startsWith("replay: reproduced exactly"), out);
    }
}
