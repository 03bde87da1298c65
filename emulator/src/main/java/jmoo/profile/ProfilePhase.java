package jmoo.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What one phase of a profiled run did: its exact instruction count and halted (idle) virtual
 * time, and its samples by place: self (where the EIP was) and guessed inclusive (the place or
 * any kernel function found on its stack).
 */
public final class ProfilePhase {
    private final String name;
    private final Map<String, long[]> self = new HashMap<>();
    private final Map<String, long[]> inclusive = new HashMap<>();
    private final Map<String, long[]> wall = new HashMap<>();
    private long samples;
    private long sampledWallNanos;
    private long instructions;
    private long idleNanos;
    private long virtualNanos;

    ProfilePhase(String name) {
        this.name = name;
    }

    /** @param wallNanos host time the emulator ran the guest since the previous sample (its own work excluded) */
    void addSample(String place, Collection<String> callers, long wallNanos) {
        samples++;
        sampledWallNanos += wallNanos;
        wall.computeIfAbsent(place, k -> new long[1])[0] += wallNanos;
        self.computeIfAbsent(place, k -> new long[1])[0]++;
        bump(inclusive, place);
        for (String caller : callers) {
            if (!caller.equals(place)) {
                bump(inclusive, caller);
            }
        }
    }

    private static void bump(Map<String, long[]> counts, String key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    /** Adds a stretch of the run spent in this phase. */
    void addSpan(long instructions, long virtualNanos, long idleNanos) {
        this.instructions += instructions;
        this.virtualNanos += virtualNanos;
        this.idleNanos += idleNanos;
    }

    public String name() {
        return name;
    }

    public long samples() {
        return samples;
    }

    /** Instructions retired in this phase (exact, not sampled). */
    public long instructions() {
        return instructions;
    }

    /** Virtual time of this phase, halted time included. */
    public long virtualNanos() {
        return virtualNanos;
    }

    /** Virtual time the CPU spent halted (HLT, waiting for a timer) in this phase. */
    public long idleNanos() {
        return idleNanos;
    }

    /** Samples taken at each place (kernel function or bracketed bucket). */
    public Map<String, Long> selfSamples() {
        return unwrap(self);
    }

    /** Host nanoseconds of the runs that ended at a sample in each place (the wall-clock analogue of self). */
    public Map<String, Long> selfWallNanos() {
        return unwrap(wall);
    }

    /** Host nanoseconds between samples, summed (the emulator's running time, the profiler's own excluded). */
    public long sampledWallNanos() {
        return sampledWallNanos;
    }

    /** Samples with each place as self or somewhere on the guessed kernel stack. */
    public Map<String, Long> inclusiveSamples() {
        return unwrap(inclusive);
    }

    private static Map<String, Long> unwrap(Map<String, long[]> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
