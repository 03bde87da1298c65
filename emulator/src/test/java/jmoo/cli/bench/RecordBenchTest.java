package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench record`'s arguments, script, size accounting and report (no timing: the benchmark runs by hand). */
class RecordBenchTest {
    @TempDir
    Path dir;

    @Test
    void parsesRoundsAndCrash() throws UserError {
        assertEquals(new RecordBench.Options(3, false, false), RecordBench.Options.parse(new String[0]));
        assertEquals(new RecordBench.Options(5, true, false),
                RecordBench.Options.parse(new String[] {"--crash", "--rounds", "5"}));
        assertTrue(RecordBench.Options.parse(new String[] {"--help"}).help());
    }

    @Test
    void badArgumentsAreOneLineUserErrors() {
        for (String[] args : List.of(new String[] {"--rounds"}, new String[] {"--rounds", "0"},
                new String[] {"--rounds", "x"}, new String[] {"--gdb"})) {
            UserError e = assertThrows(UserError.class, () -> RecordBench.Options.parse(args));
            assertTrue(e.getMessage().startsWith("bench record: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void theScriptPrintsTheMarkerThenPowersOffOrCrashes() throws UserError {
        RecordBench.Options poweroff = RecordBench.Options.parse(new String[0]);
        RecordBench.Options crash = RecordBench.Options.parse(new String[] {"--crash"});
        assertTrue(poweroff.script().startsWith("echo jmoo-bench-$((6*7));"), poweroff.script());
        assertTrue(poweroff.script().endsWith("\npoweroff -f\n"), poweroff.script());
        assertTrue(crash.script().endsWith("\necho c > /proc/sysrq-trigger\n"), crash.script());
        assertEquals(0, poweroff.expectedStatus());
        assertEquals(1, crash.expectedStatus());
        assertEquals("\"a\\nb\\n\"", RecordBench.quoted("a\nb\n"));
    }

    @Test
    void bundleSizeCountsAllocatedBlocksAndApparentLengths() throws Exception {
        Files.write(dir.resolve("dense"), new byte[100_000]);
        Files.createDirectory(dir.resolve("sub"));
        try (var f = new java.io.RandomAccessFile(dir.resolve("sub/sparse").toFile(), "rw")) {
            f.setLength(64L << 20); // a hole: no blocks allocated
        }
        assertEquals(100_000 + (64L << 20), RecordBench.apparentBytes(dir));
        long allocated = RecordBench.allocatedBytes(dir);
        assertTrue(allocated >= 100_000 && allocated < 4L << 20, "allocated " + allocated);
    }

    @Test
    void reportShowsRoundsMediansOverheadAndBundleSize() {
        RecordReport r = new RecordReport();
        r.addPlain(4.0);
        r.addRecorded(4.4, 3L << 20, 20L << 20);
        r.addPlain(5.0);
        r.addRecorded(4.1, 1L << 20, 20L << 20);
        r.addPlain(4.2);
        r.addRecorded(4.3, 2L << 20, 20L << 20);
        assertEquals(4.2, r.plainMedian());
        assertEquals(4.3, r.recordedMedian());
        assertEquals(4.3 / 4.2 - 1, r.overhead(), 1e-12);
        String text = print(r);
        assertTrue(text.contains("    2           5.00              4.10              1024                   20480"), text);
        assertTrue(text.contains("median wall: 4.20 s unrecorded, 4.30 s recorded"), text);
        assertTrue(text.contains("recording overhead: +2.4% (ratio 1.024; target < 5%: met)"), text);
        assertTrue(text.contains("bundle: 2048 KiB allocated (du), 20480 KiB apparent (median)"), text);
    }

    @Test
    void anOverheadOverTheTargetIsNotMet() {
        RecordReport r = new RecordReport();
        r.addPlain(4.0);
        r.addRecorded(5.0, 1, 1);
        assertTrue(print(r).contains("recording overhead: +25.0% (ratio 1.250; target < 5%: not met)"), print(r));
    }

    private static String print(RecordReport r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
