package jmoo.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jmoo.cpu.Cpu;
import jmoo.machine.Machine;
import jmoo.machine.VirtualTime;
import jmoo.replay.SliceObserver;
import jmoo.replay.SystemMap;

/**
 * Samples a running guest every ~{@code interval} retired instructions (each gap drawn from
 * [interval/2, 3*interval/2) by a fixed-seed generator: deterministic, and no loop can alias with
 * it) and files the sample under the current phase. Register with
 * {@link jmoo.machine.RunLoop#observe} after {@link #attach}; switch phases with {@link #enter}
 * from anything that runs on the run loop's thread (e.g. a console line listener). Each sample
 * also carries the host time since the previous one (the profiler's own work left out), so the
 * report can show where the emulator's wall time goes as well as the guest's instructions.
 */
public final class GuestProfiler implements SliceObserver {
    public static final int DEFAULT_INTERVAL = 1000;
    private static final int CR0_PG = 1 << 31;
    private static final int USER_CPL = 3;

    private final int interval;
    private final SampleNamer namer;
    private final Map<String, ProfilePhase> phases = new LinkedHashMap<>();
    private Cpu cpu;
    private VirtualTime time;
    private KernelStackScan stack;
    private ProfilePhase current;
    private long spanStartInstructions;
    private long spanStartNanos;
    private long spanStartIdle;
    private long nextSample = Long.MAX_VALUE;
    private long random = 0x9E3779B97F4A7C15L;
    private long lastSampleEndNanos;

    /** @param map the kernel's System.map, or null (kernel samples then are not named) */
    public GuestProfiler(SystemMap map, int interval) {
        if (interval < 2) {
            throw new IllegalArgumentException("sampling interval must be at least 2 instructions: " + interval);
        }
        this.interval = interval;
        this.namer = new SampleNamer(map);
    }

    /** Starts sampling {@code machine} in phase {@code firstPhase}; may be called again for the next run. */
    public void attach(Machine machine, String firstPhase) {
        cpu = machine.cpu();
        time = machine.time();
        stack = new KernelStackScan(machine.memory(), namer);
        current = null;
        nextSample = cpu.instructionCount() + nextGap();
        enter(firstPhase);
        lastSampleEndNanos = System.nanoTime();
    }

    /** Files the following samples under {@code phase} (phases of the same name add up). */
    public void enter(String phase) {
        closeSpan();
        current = phases.computeIfAbsent(phase, ProfilePhase::new);
        spanStartInstructions = cpu.instructionCount();
        spanStartNanos = time.nanos();
        spanStartIdle = time.skippedNanos();
    }

    /** Ends the current phase's span (call when the run ended); later samples need a new attach. */
    public void detach() {
        closeSpan();
        current = null;
        nextSample = Long.MAX_VALUE;
    }

    private void closeSpan() {
        if (current != null) {
            current.addSpan(cpu.instructionCount() - spanStartInstructions, time.nanos() - spanStartNanos,
                    time.skippedNanos() - spanStartIdle);
        }
    }

    @Override
    public long nextStopAt() {
        return nextSample;
    }

    @Override
    public boolean sliceEnded(long instructionCount) {
        if (current != null && instructionCount >= nextSample) {
            sample();
            while (nextSample <= instructionCount) {
                nextSample += nextGap();
            }
        }
        return false;
    }

    private void sample() {
        long ranNanos = System.nanoTime() - lastSampleEndNanos;
        int cpl = cpu.cpl();
        boolean paging = (cpu.cr(0) & CR0_PG) != 0;
        String place = namer.name(cpu.segBase(Cpu.CS) + cpu.eip(), cpl, paging);
        Set<String> callers = cpl != USER_CPL && paging && namer.hasMap()
                ? stack.callers(cpu.reg(Cpu.ESP)) : Set.of();
        current.addSample(place, callers, ranNanos);
        lastSampleEndNanos = System.nanoTime();
    }

    private long nextGap() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return interval / 2 + Math.floorMod(random, (long) interval);
    }

    public int interval() {
        return interval;
    }

    /** The phases in the order they were first entered. */
    public List<ProfilePhase> phases() {
        return new ArrayList<>(phases.values());
    }
}
