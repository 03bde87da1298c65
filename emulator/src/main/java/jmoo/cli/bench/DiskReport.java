package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table `./jmoo bench disk` prints: one line per scenario, ratios to raw, qcow2 beside. */
final class DiskReport {
    private static final String ROW = "%-35s %10s %10s %6s %-11s | %10s %10s %6s %10s%n";
    private static final Measured MISSING = new Measured(Double.NaN, Double.NaN, Double.NaN);
    private final List<DiskScenario> scenarios;
    private final Map<String, Measured> jmoo;
    private final List<Optional<QemuPeer.Result>> peers;

    DiskReport(List<DiskScenario> scenarios, Map<String, Measured> jmoo, List<Optional<QemuPeer.Result>> peers) {
        this.scenarios = scenarios;
        this.jmoo = jmoo;
        this.peers = peers;
    }

    void print(PrintStream out) {
        out.printf(ROW, "operation (ops/s)", "raw", "jmoo", "ratio", "target", "qemu raw", "qcow2", "ratio",
                "jmoo/qcow2");
        for (int i = 0; i < scenarios.size(); i++) {
            DiskScenario s = scenarios.get(i);
            Measured m = jmoo.getOrDefault(s.key(), MISSING);
            Optional<QemuPeer.Result> peer = peers.get(i);
            out.printf(ROW, s.label(), ops(m.rawOps()), ops(m.cowOps()), fixed(m.ratio()), verdict(m.ratio(), s.target()),
                    peer.map(p -> ops(p.rawOps())).orElse("-"), peer.map(p -> ops(p.qcow2Ops())).orElse("-"),
                    peer.map(p -> fixed(p.qcow2Ops() / p.rawOps())).orElse("-"),
                    peer.map(p -> fixed(m.cowOps() / p.qcow2Ops())).orElse("-"));
        }
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
