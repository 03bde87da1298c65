package jmoo.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jmoo.cpu.Cpu;
import jmoo.machine.Machine;
import org.junit.jupiter.api.Test;

/** The sampling schedule and phases, on a machine spinning in a two-instruction loop. */
class GuestProfilerTest {
    private static final int CODE = 0x1000;

    private static Machine spinningMachine() {
        Machine m = new Machine(1 << 20, 10, 0, b -> { });
        m.memory().write8(CODE, 0x90);      // nop
        m.memory().write8(CODE + 1, 0xEB);  // jmp CODE
        m.memory().write8(CODE + 2, 0xFD);
        m.cpu().resetToFlatProtectedMode();
        m.cpu().setEip(CODE);
        return m;
    }

    /** Runs to {@code end} instructions in slices that stop where the profiler asks, as RunLoop does. */
    private static void runTo(Machine m, GuestProfiler p, long end) {
        Cpu cpu = m.cpu();
        while (cpu.instructionCount() < end) {
            cpu.run(Math.min(end, p.nextStopAt()) - cpu.instructionCount());
            p.sliceEnded(cpu.instructionCount());
        }
    }

    @Test
    void samplesEveryIntervalOnAverageIntoTheCurrentPhase() {
        Machine m = spinningMachine();
        GuestProfiler p = new GuestProfiler(null, 100);
        p.attach(m, "first");
        runTo(m, p, 200_000);
        p.enter("second");
        runTo(m, p, 300_000);
        p.detach();
        runTo(m, p, 400_000); // detached: no more samples, nowhere to stop
        assertEquals(Long.MAX_VALUE, p.nextStopAt());
        List<ProfilePhase> phases = p.phases();
        assertEquals(List.of("first", "second"), phases.stream().map(ProfilePhase::name).toList());
        assertEquals(200_000, phases.get(0).instructions());
        assertEquals(100_000, phases.get(1).instructions());
        for (ProfilePhase phase : phases) {
            double perSample = (double) phase.instructions() / phase.samples();
            assertTrue(perSample > 95 && perSample < 105, phase.name() + ": " + perSample + " instructions per sample");
            assertEquals(Map.of(SampleNamer.PAGING_OFF, phase.samples()), phase.selfSamples());
            assertTrue(phase.sampledWallNanos() > 0, phase.name());
            assertEquals(Map.of(SampleNamer.PAGING_OFF, phase.sampledWallNanos()), phase.selfWallNanos());
            assertEquals(2_000_000 * (phase == phases.get(0) ? 1 : 0.5), phase.virtualNanos(), 0);
        }
    }

    @Test
    void sameRunSameSamples() {
        long[] samples = new long[2];
        for (int i = 0; i < 2; i++) {
            Machine m = spinningMachine();
            GuestProfiler p = new GuestProfiler(null, 1000);
            p.attach(m, "run");
            runTo(m, p, 123_457);
            p.detach();
            samples[i] = p.phases().get(0).samples();
        }
        assertEquals(samples[0], samples[1]);
    }

    @Test
    void rejectsAnIntervalBelowTwo() {
        assertThrows(IllegalArgumentException.class, () -> new GuestProfiler(null, 1));
    }
}
