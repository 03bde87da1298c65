package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark workload runs to its HLT with the right result, the same way every time. */
class CpuBenchmarkTest {
    @Test
    void workloadIsDeterministicAndCorrect() {
        CpuBenchmark b = new CpuBenchmark();
        long first = b.runOnce();
        assertTrue(first > 5_000_000, "instructions: " + first);
        assertEquals(first, b.runOnce());
    }
}
