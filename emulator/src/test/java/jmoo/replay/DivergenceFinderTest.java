package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceFinderTest {
    @TempDir
    Path dir;

    private static List<Checkpoint> checkpoints(long perturbAt, long interval, int n) {
        ToyMachine m = new ToyMachine(perturbAt);
        List<Checkpoint> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Checkpoint(i * interval, m.runToAndHash(i * interval)));
        }
        return out;
    }

    @Test
    void stateHashesTellWhichPartDiffers() throws Exception {
        ToyMachine a = new ToyMachine(-1);
        ToyMachine b = new ToyMachine(-1);
        assertEquals(a.runToAndHash(100), b.runToAndHash(100));
        b.memory().write8(4000, 9);
        assertEquals(List.of("ram"), a.runToAndHash(100).differingParts(b.runToAndHash(100)));
        b.memory().write8(4000, 0);
        b.tick();
        assertEquals(List.of("device ticker"), a.runToAndHash(100).differingParts(b.runToAndHash(100)));
        ToyMachine c = new ToyMachine(-1);
        c.runToAndHash(100);
        c.setRegister(5);
        StateHash hc = c.runToAndHash(100);
        assertNotEquals(a.runToAndHash(100), hc);
        assertEquals(List.of("cpu"), a.runToAndHash(100).differingParts(hc));
    }

    @Test
    void identicalRunsHaveIdenticalCheckpoints() {
        assertEquals(-1, DivergenceFinder.firstDifferingCheckpoint(checkpoints(-1, 1000, 10), checkpoints(-1, 1000, 10)));
    }

    @Test
    void findsTheIntervalThenBisectsToTheExactInstruction() throws Exception {
        long perturbAt = 6_789;
        List<Checkpoint> expected = checkpoints(-1, 1000, 10);
        List<Checkpoint> actual = checkpoints(perturbAt, 1000, 10);
        int i = DivergenceFinder.firstDifferingCheckpoint(expected, actual);
        assertEquals(6, i, "the checkpoint after 7000 instructions is the first to differ");
        AtomicInteger starts = new AtomicInteger();
        Divergence d = DivergenceFinder.bisect(() -> {
            starts.incrementAndGet();
            return new ToyMachine(-1);
        }, () -> new ToyMachine(perturbAt), expected.get(i - 1).instructionCount(), expected.get(i).instructionCount());
        assertEquals(perturbAt - 1, d.lastEqual());
        assertEquals(perturbAt, d.firstDiffering());
        assertEquals(List.of("ram"), d.differingParts());
        assertTrue(starts.get() <= 11, "a restart per step back at most: " + starts.get());
        assertTrue(d.toString().startsWith("states equal after 6788 instructions, differ after 6789 (ram)"), d.toString());
    }

    @Test
    void anIntervalOfOneIsCheckedNotAssumed() throws Exception {
        Divergence d = DivergenceFinder.bisect(() -> new ToyMachine(-1), () -> new ToyMachine(5), 4, 5);
        assertEquals(5, d.firstDiffering());
        assertThrows(IllegalArgumentException.class,
                () -> DivergenceFinder.bisect(() -> new ToyMachine(-1), () -> new ToyMachine(-1), 4, 5));
    }

    @Test
    void checkpointsRoundTripThroughTheirFile() throws Exception {
        List<Checkpoint> cps = checkpoints(-1, 500, 4);
        Path file = dir.resolve(CheckpointLog.FILE);
        CheckpointLog.write(file, cps);
        List<Checkpoint> read = CheckpointLog.read(file);
        assertEquals(cps, read);
        java.nio.file.Files.writeString(file, "500 abc\n");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> CheckpointLog.read(file));
        assertEquals(file + ":1: expected \"COUNT SHA256\", got \"500 abc\"", e.getMessage());
    }
}
