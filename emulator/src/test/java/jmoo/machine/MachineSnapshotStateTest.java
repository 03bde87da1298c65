package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jmoo.replay.RunPoint;
import jmoo.replay.SnapshotFile;
import jmoo.replay.SnapshotFormatException;
import jmoo.replay.StateHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's own part of a snapshot: virtual time skipped while halted, a pending request, the period. */
class MachineSnapshotStateTest {
    @TempDir
    Path dir;

    @Test
    void skippedTimeAndAPendingPanicSurviveARestoreAndAnotherPeriodIsRefused() throws Exception {
        Machine m = new Machine(1 << 20, 10, 1_800_000_000L, b -> { });
        m.time().skipTo(5_000_000);
        m.panic("oops");
        m.panicEnd();
        m.memory().write8(12_345, 0x77);
        Path snap = dir.resolve("m.snap");
        SnapshotFile.save(snap, m, List.of(), List.of(), RunPoint.live(0, 0, 0));

        Machine copy = new Machine(1 << 20, 10, 0, b -> { });
        assertNotEquals(StateHash.of(m), StateHash.of(copy));
        SnapshotFile.read(snap).restoreInto(copy);
        assertEquals(StateHash.of(m), StateHash.of(copy));
        assertEquals(5_000_000, copy.time().nanos());
        assertEquals(Machine.Request.PANIC, copy.request());
        assertEquals("oops", copy.panicMessage());
        assertEquals(0x77, copy.memory().read8(12_345));

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.read(snap).restoreInto(new Machine(1 << 20, 7, 0, b -> { })));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(snap + ": section \"machine\" at offset ")
                + "[0-9]+: the snapshot's machine runs 10 virtual ns per instruction, this one 7 \\(--insn-ns\\)"),
                e.getMessage());
    }
}
