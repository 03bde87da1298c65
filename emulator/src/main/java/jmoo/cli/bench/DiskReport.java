package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table `./jmoo bench disk` prints: one line per scenario, ratios to raw, qcow2 beside. */
final class DiskReport {
    private static final String ROW = "%-35s %10s %10s %6s %-11s | %10s %10s %6s %10s%n";
    private final List<DiskScenario> scenarios;
    private final List<JmhScore> scores;
    private final List<Optional<QemuPeer.Result>> peers;

    DiskReport(List<DiskScenario> scenarios, List<JmhScore> scores, List<Optional<QemuPeer.Result>> peers) {
        this.scenarios = scenarios;
        this.scores = scores;
        this.peers = peers;
    }

    void print(PrintStream out) {
        out.printf(ROW, "operation (ops/s)", "raw", "jmoo", "ratio", "target",
                "qemu raw", "qcow2", "ratio", "jmoo/qcow2");
        for (int i = 0; i < scenarios.size(); i++) {
            DiskScenario s = scenarios.get(i);
            double raw = score(s.rawBenchmark(), Map.of());
            double cow = score(s.cowBenchmark(), s.params());
            double ratio = cow / raw;
            Optional<QemuPeer.Result> peer = peers.get(i);
            out.printf(ROW, s.label(), ops(raw), ops(cow), fixed(ratio), verdict(ratio, s.target()),
                    peer.map(p -> ops(p.rawOps())).orElse("-"), peer.map(p -> ops(p.qcow2Ops())).orElse("-"),
                    peer.map(p -> fixed(p.qcow2Ops() / p.rawOps())).orElse("-"),
                    peer.map(p -> fixed(cow / p.qcow2Ops())).orElse("-"));
        }
    }

    private double score(String benchmark, Map<String, String> params) {
        return scores.stream().filter(s -> s.matches(benchmark, params)).mapToDouble(JmhScore::score).findFirst()
                .orElse(Double.NaN);
    }

    /** ">=0.90 ok" or ">=0.90 MISS"; blank without a target. */
    static String verdict(double ratio, double target) {
        if (Double.isNaN(target)) {
            return "";
        }
        return String.format(">=%.2f %s", target, ratio >= target ? "ok" : "MISS");
    }

    private static String ops(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.0f", v);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format("%.2f", v);
    }
}
