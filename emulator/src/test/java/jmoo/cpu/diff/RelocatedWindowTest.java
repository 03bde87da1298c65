package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fallback a host takes when the fixed low data address is taken: the window lands wherever
 * MAP_32BIT puts it and the emulator reaches it through shifted segment bases. Every form runs a
 * few cases that way, so the fallback is known to work before a machine needs it.
 */
class RelocatedWindowTest {
    private static NativeX86 relocated;

    @BeforeAll
    static void open() {
        assumeTrue(NativeX86.hostSupported(), "host is not x86-64 Linux");
        relocated = NativeX86.open(false);
    }

    @AfterAll
    static void close() {
        if (relocated != null) {
            relocated.close();
        }
    }

    @Test
    void everyFormAgreesThroughShiftedSegmentBases() {
        assertFalse(relocated.windowAtPreferredAddress());
        Differential differential = new Differential(relocated, false);
        StringBuilder divergences = new StringBuilder();
        for (Form form : FormTable.all()) {
            divergences.append(differential.runForm(form, 60).divergences);
        }
        assertEquals("", divergences.toString());
    }
}
