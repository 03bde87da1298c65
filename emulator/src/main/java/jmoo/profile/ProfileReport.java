package jmoo.profile;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The tables of a {@link GuestProfiler}: per phase, its exact instructions and idle time, then
 * the top places by self samples (share of the phase's samples, the instructions that share
 * stands for, running total, share of host time), the top places by host time, and the top
 * kernel functions by guessed inclusive samples.
 */
public final class ProfileReport {
    private final int top;

    /** @param top how many rows each table shows */
    public ProfileReport(int top) {
        this.top = top;
    }

    public void print(GuestProfiler profiler, PrintStream out) {
        out.printf("guest profile: a sample every ~%d instructions (jittered); shares are of each phase's samples%n",
                profiler.interval());
        for (ProfilePhase phase : profiler.phases()) {
            print(phase, out);
        }
    }

    void print(ProfilePhase phase, PrintStream out) {
        out.printf("%n== %s: %.1f M instructions, %d samples, virtual time %.3f s of which %.3f s halted,"
                + " host time %.3f s between samples%n",
                phase.name(), phase.instructions() / 1e6, phase.samples(), phase.virtualNanos() / 1e9,
                phase.idleNanos() / 1e9, phase.sampledWallNanos() / 1e9);
        if (phase.samples() == 0) {
            return;
        }
        out.println("   self%    cum%   ~M insns   wall%  place (self: where EIP was; wall: host time of the runs up to"
                + " its samples)");
        double cumulative = 0;
        Map<String, Long> wall = phase.selfWallNanos();
        for (Map.Entry<String, Long> e : sorted(phase.selfSamples())) {
            double share = 100.0 * e.getValue() / phase.samples();
            cumulative += share;
            out.printf("  %6.2f  %6.2f  %9.2f  %6.2f  %s%n", share, cumulative,
                    phase.instructions() * share / 100 / 1e6, wallShare(phase, wall.get(e.getKey())), e.getKey());
        }
        out.println("   wall%   ~M insns  place (by host time)");
        for (Map.Entry<String, Long> e : sorted(wall)) {
            double share = 100.0 * phase.selfSamples().get(e.getKey()) / phase.samples();
            out.printf("  %6.2f  %9.2f  %s%n", wallShare(phase, e.getValue()),
                    phase.instructions() * share / 100 / 1e6, e.getKey());
        }
        out.println("  incl?%   ~M insns  kernel function (guessed inclusive: self or on the kernel stack)");
        for (Map.Entry<String, Long> e : sorted(phase.inclusiveSamples())) {
            double share = 100.0 * e.getValue() / phase.samples();
            out.printf("  %6.2f  %9.2f  %s%n", share, phase.instructions() * share / 100 / 1e6, e.getKey());
        }
    }

    private static double wallShare(ProfilePhase phase, Long nanos) {
        return phase.sampledWallNanos() == 0 || nanos == null ? 0 : 100.0 * nanos / phase.sampledWallNanos();
    }

    private List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .toList();
    }
}
