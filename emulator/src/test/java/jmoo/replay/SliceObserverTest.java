package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceObserverTest {
    /** A run loop in miniature: slices of random length, cut at the observer's next stop. */
    private static void run(ToyMachine m, SliceObserver observer, long end, long seed) throws ReplayDivergenceException {
        Random slices = new Random(seed);
        while (m.count() < end) {
            long slice = Math.min(1 + slices.nextInt(700), Math.min(observer.nextStopAt(), end) - m.count());
            for (long i = 0; i < slice; i++) {
                m.step();
            }
            if (observer.sliceEnded(m.count())) {
                return;
            }
        }
    }

    @Test
    void checkpointsDoNotDependOnHowTheRunWasSliced() throws Exception {
        ToyMachine ma = new ToyMachine(-1);
        CheckpointRecorder ra = new CheckpointRecorder(ma, 1000);
        run(ma, ra, 5500, 1);
        ToyMachine mb = new ToyMachine(-1);
        CheckpointRecorder rb = new CheckpointRecorder(mb, 1000);
        run(mb, rb, 5500, 2);
        assertEquals(5, ra.checkpoints().size());
        assertEquals(3000, ra.checkpoints().get(2).instructionCount());
        assertEquals(ra.checkpoints(), rb.checkpoints());
    }

    @Test
    void aReplayIsVerifiedAtEachCheckpointAndADivergenceNamesItsInterval() throws Exception {
        ToyMachine recorded = new ToyMachine(-1);
        CheckpointRecorder rec = new CheckpointRecorder(recorded, 1000);
        run(recorded, rec, 5000, 3);

        ToyMachine same = new ToyMachine(-1);
        CheckpointVerifier ok = new CheckpointVerifier(same, rec.checkpoints());
        run(same, ok, 5000, 4);
        assertEquals(5, ok.verified());

        ToyMachine perturbed = new ToyMachine(3_210);
        CheckpointVerifier bad = new CheckpointVerifier(perturbed, rec.checkpoints());
        ReplayDivergenceException e = assertThrows(ReplayDivergenceException.class, () -> run(perturbed, bad, 5000, 5));
        assertEquals(4000, e.instructionCount());
        assertTrue(e.getMessage().contains("in (3000, 4000]"), e.getMessage());
        assertEquals(3, bad.verified());
    }

    @Test
    void stopAtEndsTheRunAtExactlyItsCountWhileOthersKeepTheirStops() throws Exception {
        ToyMachine m = new ToyMachine(-1);
        StopAt until = new StopAt(2_345);
        CheckpointRecorder rec = new CheckpointRecorder(m, 1000);
        SliceObservers both = new SliceObservers(List.of(rec, until));
        run(m, both, 10_000, 6);
        assertEquals(2_345, m.count());
        assertEquals(2, rec.checkpoints().size());
        assertEquals(Long.MAX_VALUE, until.nextStopAt());
        run(m, both, 4_000, 7);
        assertEquals(4_000, m.count(), "once reached, the stop no longer holds the run");
        assertEquals(4, rec.checkpoints().size());
    }
}
