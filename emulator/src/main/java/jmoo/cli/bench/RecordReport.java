package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of `bench record` and their summary: wall seconds of each unrecorded and recorded
 * run, and the recorded bundle's size (allocated on disk, as du counts it, and apparent).
 */
final class RecordReport {
    static final double TARGET_OVERHEAD = 0.05;
    private static final double KIB = 1 << 10;

    private final List<Double> plainSeconds = new ArrayList<>();
    private final List<Double> recordedSeconds = new ArrayList<>();
    private final List<Long> bundleAllocated = new ArrayList<>();
    private final List<Long> bundleApparent = new ArrayList<>();

    void addPlain(double seconds) {
        plainSeconds.add(seconds);
    }

    void addRecorded(double seconds, long allocatedBytes, long apparentBytes) {
        recordedSeconds.add(seconds);
        bundleAllocated.add(allocatedBytes);
        bundleApparent.add(apparentBytes);
    }

    double plainMedian() {
        return Stats.median(toArray(plainSeconds));
    }

    double recordedMedian() {
        return Stats.median(toArray(recordedSeconds));
    }

    /** The recorded median over the unrecorded one, minus 1 (0.03 is 3% slower). */
    double overhead() {
        return recordedMedian() / plainMedian() - 1;
    }

    void print(PrintStream out) {
        out.println("round   plain wall s   recorded wall s   bundle KiB (du)   bundle KiB (apparent)");
        for (int i = 0; i < plainSeconds.size(); i++) {
            String recorded = i < recordedSeconds.size()
                    ? String.format("%15.2f   %15.0f   %21.0f", recordedSeconds.get(i), bundleAllocated.get(i) / KIB,
                            bundleApparent.get(i) / KIB)
                    : String.format("%15s   %15s   %21s", "-", "-", "-");
            out.printf("%5d   %12.2f   %s%n", i + 1, plainSeconds.get(i), recorded);
        }
        if (recordedSeconds.isEmpty()) {
            return;
        }
        out.printf("median wall: %.2f s unrecorded, %.2f s recorded%n", plainMedian(), recordedMedian());
        out.printf("recording overhead: %+.1f%% (ratio %.3f; target < %.0f%%: %s)%n", 100 * overhead(), 1 + overhead(),
                100 * TARGET_OVERHEAD, overhead() < TARGET_OVERHEAD ? "met" : "not met");
        out.printf("bundle: %.0f KiB allocated (du), %.0f KiB apparent (median)%n",
                Stats.median(toArray(bundleAllocated)) / KIB, Stats.median(toArray(bundleApparent)) / KIB);
    }

    private static double[] toArray(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }
}
