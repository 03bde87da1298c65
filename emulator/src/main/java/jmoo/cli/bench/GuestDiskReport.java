package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of `bench guest-disk`: per dd phase, MiB/s by the host clock between the phase's
 * console markers, median over rounds, for jmoo and (unless {@code umlNote} says why not) UML,
 * and their ratio (above 1: jmoo is faster).
 */
final class GuestDiskReport {
    private final int mib;
    private final String umlNote;
    private final Map<String, List<Double>> jmoo = new LinkedHashMap<>();
    private final Map<String, List<Double>> uml = new LinkedHashMap<>();
    private final Map<String, Long> jmooInstructions = new LinkedHashMap<>();

    /** @param umlNote null when UML runs, else why its column is empty */
    GuestDiskReport(int mib, String umlNote) {
        this.mib = mib;
        this.umlNote = umlNote;
    }

    void addJmoo(String phase, PhaseClock.Timed t) {
        add(jmoo, phase, t);
        jmooInstructions.put(phase, t.instructions());
    }

    void addUml(String phase, PhaseClock.Timed t) {
        add(uml, phase, t);
    }

    private void add(Map<String, List<Double>> to, String phase, PhaseClock.Timed t) {
        to.computeIfAbsent(phase, k -> new ArrayList<>()).add(mib / t.seconds());
    }

    /** Median MiB/s of a phase, NaN when it was not measured. */
    double jmooMibPerSecond(String phase) {
        return median(jmoo.get(phase));
    }

    double umlMibPerSecond(String phase) {
        return median(uml.get(phase));
    }

    private static double median(List<Double> values) {
        return values == null ? Double.NaN : Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    void print(List<DdScript.Phase> phases, PrintStream out) {
        out.printf("%-13s %-42s %12s %12s %9s%n", "phase", "", "jmoo MiB/s", "UML MiB/s", "jmoo/UML");
        for (DdScript.Phase p : phases) {
            double j = jmooMibPerSecond(p.name());
            double u = umlMibPerSecond(p.name());
            out.printf("%-13s %-42s %12s %12s %9s%n", p.name(), p.description(), figure(j), figure(u),
                    Double.isNaN(j / u) ? "-" : String.format("%.2f", j / u));
        }
        if (!jmooInstructions.isEmpty()) {
            StringBuilder line = new StringBuilder("jmoo guest instructions per MiB (last round):");
            jmooInstructions.forEach((phase, n) -> line.append(String.format(" %s %.1f M", phase, n / 1e6 / mib)));
            out.println(line);
        }
        if (umlNote != null) {
            out.println("UML: not measured (" + umlNote + ")");
        }
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f", v);
    }
}
