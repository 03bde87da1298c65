package jmoo.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A phase's counts and the report's tables. */
class ProfilePhaseTest {
    @Test
    void selfAndGuessedInclusiveCounts() {
        ProfilePhase p = new ProfilePhase("boot");
        p.addSample("inflate_fast", List.of("zlib_inflate", "unpack_to_rootfs"), 100);
        p.addSample("inflate_fast", List.of("inflate_fast", "zlib_inflate"), 200);
        p.addSample("[user space]", Set.of(), 700);
        p.addSpan(3000, 40_000, 10_000);
        p.addSpan(1000, 10_000, 0);
        assertEquals(3, p.samples());
        assertEquals(Map.of("inflate_fast", 2L, "[user space]", 1L), p.selfSamples());
        assertEquals(Map.of("inflate_fast", 2L, "zlib_inflate", 2L, "unpack_to_rootfs", 1L, "[user space]", 1L),
                p.inclusiveSamples());
        assertEquals(Map.of("inflate_fast", 300L, "[user space]", 700L), p.selfWallNanos());
        assertEquals(1000, p.sampledWallNanos());
        assertEquals(4000, p.instructions());
        assertEquals(50_000, p.virtualNanos());
        assertEquals(10_000, p.idleNanos());
    }

    @Test
    void reportListsPlacesBySharesWithRunningTotal() {
        ProfilePhase p = new ProfilePhase("boot to the banner");
        for (int i = 0; i < 3; i++) {
            p.addSample("inflate_fast", List.of("zlib_inflate"), 1_000_000);
        }
        p.addSample("[user space]", Set.of(), 7_000_000);
        p.addSpan(4_000_000, 50_000_000, 10_000_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ProfileReport(10).print(p, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== boot to the banner: 4.0 M instructions, 4 samples, virtual time 0.050 s"
                + " of which 0.010 s halted, host time 0.010 s between samples"), text);
        assertTrue(text.contains("   75.00   75.00       3.00   30.00  inflate_fast\n"), text);
        assertTrue(text.contains("   25.00  100.00       1.00   70.00  [user space]\n"), text);
        // by host time, user space comes first
        assertTrue(text.indexOf("   70.00       1.00  [user space]\n") < text.indexOf("   30.00       3.00  inflate_fast\n"),
                text);
        assertTrue(text.contains("   75.00       3.00  zlib_inflate\n"), text);
    }
}
