package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.machine.Machine;
import jmoo.profile.GuestProfiler;
import jmoo.profile.ProfilePhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench guest-disk`'s arguments, guest script, marker timing, backing data and report (nothing timed). */
class GuestDiskBenchTest {
    @Test
    void parsesOptions() throws UserError {
        assertEquals(new GuestDiskBench.Options(64, 1, true, false, false), GuestDiskBench.Options.parse(new String[0]));
        assertEquals(new GuestDiskBench.Options(16, 3, false, true, false),
                GuestDiskBench.Options.parse(new String[] {"--mib", "16", "--no-uml", "--rounds", "3", "--profile"}));
        for (String[] bad : List.of(new String[] {"--mib"}, new String[] {"--mib", "0"}, new String[] {"--uml"})) {
            UserError e = assertThrows(UserError.class, () -> GuestDiskBench.Options.parse(bad));
            assertTrue(e.getMessage().startsWith("bench guest-disk: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void profilePhasesFollowTheMarkers() {
        GuestProfiler p = new GuestProfiler(null, 100);
        p.attach(new Machine(1 << 20, 10, 0, b -> { }), GuestDiskBench.BOOT_PHASE);
        for (String line : List.of("jmoo login-less shell", "BENCH-BEGIN read-backing", "64+0 records in",
                "BENCH-END read-backing rc=0", "BENCH-BEGIN write-cow", "BENCH-END write-cow rc=0")) {
            GuestDiskBench.enterProfilePhase(p, line);
        }
        p.detach();
        assertEquals(List.of(GuestDiskBench.BOOT_PHASE, "read-backing", GuestDiskBench.BETWEEN_PHASE, "write-cow"),
                p.phases().stream().map(ProfilePhase::name).toList());
    }

    @Test
    void scriptBracketsEachDdWithMarkersAndDropsCachesFirst() {
        String s = DdScript.text("/dev/ubdb", 32);
        assertTrue(s.contains("rc=0; dd if=/dev/ubdb of=/dev/null bs=1M count=32 2>&1 || rc=$?\n"
                + "echo BENCH-END read-backing rc=$rc\n"), s);
        assertTrue(s.contains("dd if=/dev/zero of=/dev/ubdb bs=1M count=32 conv=fsync"), s);
        assertTrue(s.endsWith("echo BENCH-DONE\n"), s);
        int phases = 0;
        for (DdScript.Phase p : DdScript.phases("/dev/ubdb", 32)) {
            int begin = s.indexOf("echo BENCH-BEGIN " + p.name() + "\n");
            assertTrue(begin > 0 && s.lastIndexOf("dropcaches\n", begin) > 0, p.name());
            phases++;
        }
        assertEquals(3, phases);
    }

    @Test
    void phaseClockTimesBetweenMarkersAndSeesFailures() {
        PhaseClock c = new PhaseClock();
        assertFalse(c.accept(new ConsoleLine("BENCH-BEGIN read-backing", 1_000_000_000L, 5_000)));
        assertFalse(c.accept(line("32+0 records out", 1_500_000_000L)));
        assertFalse(c.accept(new ConsoleLine("BENCH-END read-backing rc=0", 3_000_000_000L, 12_000)));
        assertFalse(c.accept(line("BENCH-BEGIN write-cow\r", 4_000_000_000L)));
        assertFalse(c.accept(line("dd: /dev/ubdb: No space left on device", 4_100_000_000L)));
        assertFalse(c.accept(line("BENCH-END write-cow rc=1", 4_500_000_000L)));
        assertTrue(c.accept(line("BENCH-DONE", 5_000_000_000L)));
        assertEquals(new PhaseClock.Timed(2.0, "32+0 records out", true, 7_000), c.get("read-backing"));
        assertEquals(new PhaseClock.Timed(0.5, "dd: /dev/ubdb: No space left on device", false, -1), c.get("write-cow"));
        assertNull(c.get("reread-cow"));
    }

    @Test
    void backingHasNoZeroByteAndDistinctBlocks(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.img");
        GuestDiskBench.writeBacking(f, 1);
        byte[] b = Files.readAllBytes(f);
        assertEquals(1 << 20, b.length);
        for (byte x : b) {
            assertTrue(x != 0);
        }
        assertFalse(java.util.Arrays.equals(b, 0, 4096, b, 4096, 8192));
    }

    @Test
    void reportGivesMediansAndRatios() {
        GuestDiskReport r = new GuestDiskReport(64, null);
        r.addJmoo("read-backing", new PhaseClock.Timed(2.0, "", true, -1));
        r.addJmoo("read-backing", new PhaseClock.Timed(4.0, "", true, -1));
        r.addJmoo("read-backing", new PhaseClock.Timed(1.0, "", true, 320_000_000));
        r.addUml("read-backing", new PhaseClock.Timed(0.5, "", true, -1));
        assertEquals(32.0, r.jmooMibPerSecond("read-backing"));
        assertEquals(128.0, r.umlMibPerSecond("read-backing"));
        assertTrue(Double.isNaN(r.jmooMibPerSecond("write-cow")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.print(DdScript.phases("/dev/ubdb", 64), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*read-backing .* 32\\.0 +128\\.0 +0\\.25\n.*"), text);
        assertTrue(text.matches("(?s).*write-cow .* - +- +-\n.*"), text);
        assertTrue(text.contains("jmoo guest instructions per MiB (last round): read-backing 5.0 M"), text);
    }

    private static ConsoleLine line(String text, long nanos) {
        return new ConsoleLine(text, nanos, -1);
    }
}
