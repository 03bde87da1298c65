package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real gdb against the stub over TCP, on the small test machine: protocol compatibility. */
class GdbToyTargetTest {
    @Test
    void gdbSetsBreakpointsAndWatchpointsStepsAndReadsRegisters() throws Exception {
        GdbBatch.assumeGdb();
        ToyX86Target target = new ToyX86Target(0x1000, 0x40, 0x40, 0xA3, 0x00, 0x20, 0, 0, 0xEB, -9);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GdbServer server = new GdbServer(0)) {
            Future<SessionEnd> session = executor.submit(() -> server.serveOne(target, new Breakpoints()));
            String out = GdbBatch.run(server.port(), java.util.List.of(),
                    "show architecture",
                    "break *0x1002", "continue", "info registers eip eax",
                    "stepi", "print/x $eip",
                    "delete", "watch *(int *)0x2000", "continue", "print/x $eax",
                    "x/3xb 0x1000",
                    "set var $ebx = 0x1234", "print/x $ebx",
                    "kill");
            assertTrue(out.contains("i386"), out);
            assertTrue(out.matches("(?s).*eip\\s+0x1002\\s.*"), out);
            assertTrue(out.matches("(?s).*eax\\s+0x2\\s.*"), out);
            assertTrue(out.contains("$1 = 0x1007"), out);
            assertTrue(out.contains("Old value = 2") && out.contains("New value = 4"), out);
            assertTrue(out.contains("0x1000:\t0x40\t0x40\t0xa3"), out);
            assertTrue(out.contains("$3 = 0x1234"), out);
            session.get(30, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}
