package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of `bench boot` and their summary: jmoo's wall time and guest instructions to the
 * banner, QEMU's wall time (absent when QEMU is not installed: {@code qemuNote} says why).
 */
final class BootReport {
    static final double TARGET_RATIO = 2.0;

    private final List<Double> jmooSeconds = new ArrayList<>();
    private final List<Long> jmooInstructions = new ArrayList<>();
    private final List<Double> qemuSeconds = new ArrayList<>();
    private final String qemuNote;

    /** @param qemuNote null when QEMU runs, else why its column is empty */
    BootReport(String qemuNote) {
        this.qemuNote = qemuNote;
    }

    void addJmoo(double seconds, long instructions) {
        jmooSeconds.add(seconds);
        jmooInstructions.add(instructions);
    }

    void addQemu(double seconds) {
        qemuSeconds.add(seconds);
    }

    double jmooMedianSeconds() {
        return Stats.median(toArray(jmooSeconds));
    }

    double qemuMedianSeconds() {
        return Stats.median(toArray(qemuSeconds));
    }

    /** jmoo's median over QEMU's, or NaN without QEMU rounds. */
    double ratio() {
        return qemuSeconds.isEmpty() ? Double.NaN : jmooMedianSeconds() / qemuMedianSeconds();
    }

    void print(PrintStream out) {
        out.println("round   jmoo wall s   jmoo guest insns   QEMU wall s");
        for (int i = 0; i < jmooSeconds.size(); i++) {
            String qemu = i < qemuSeconds.size() ? String.format("%11.2f", qemuSeconds.get(i)) : "          -";
            out.printf("%5d   %11.2f   %16s   %s%n", i + 1, jmooSeconds.get(i), millions(jmooInstructions.get(i)), qemu);
        }
        double jmoo = jmooMedianSeconds();
        double instructions = Stats.median(toArray(jmooInstructions.stream().map(Long::doubleValue).toList()));
        out.printf("jmoo: median %.2f s to the banner, %s guest instructions (%.0f MIPS wall)%n",
                jmoo, millions((long) instructions), instructions / jmoo / 1e6);
        if (qemuSeconds.isEmpty()) {
            out.println("QEMU: not measured (" + qemuNote + ")");
            return;
        }
        out.printf("QEMU TCG: median %.2f s to the banner%n", qemuMedianSeconds());
        out.printf("ratio jmoo/QEMU: %.2f (target <= %.1f: %s)%n", ratio(), TARGET_RATIO,
                ratio() <= TARGET_RATIO ? "met" : "not met");
    }

    private static String millions(long instructions) {
        return String.format("%.1f M", instructions / 1e6);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
