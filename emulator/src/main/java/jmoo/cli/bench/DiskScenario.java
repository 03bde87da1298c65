package jmoo.cli.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import jmoo.cli.UserError;

/**
 * One line of `./jmoo bench disk`: the JMH benchmark of jmoo's engine, its raw-file baseline
 * in the same run, the target ratio (NaN: none), and the same work for qemu-img on qcow2.
 */
record DiskScenario(String label, String cowBenchmark, Map<String, String> params, String rawBenchmark,
        double target, PeerWork peer) {

    /** The qemu-img side of a scenario. */
    interface PeerWork {
        QemuPeer.Result run(QemuPeer peer) throws IOException, UserError;
    }

    /** The name results are filed under: the COW benchmark and its parameters ("X.y[depth=4]"). */
    String key() {
        if (params.isEmpty()) {
            return cowBenchmark;
        }
        StringBuilder b = new StringBuilder(cowBenchmark).append('[');
        params.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append(k).append('=').append(v));
        return b.append(']').toString();
    }

    /** This scenario's result from a JMH run: the COW benchmark's score over its raw baseline's. */
    Measured fromJmh(List<JmhScore> scores) {
        double raw = score(scores, rawBenchmark, Map.of());
        double cow = score(scores, cowBenchmark, params);
        return new Measured(raw, cow, cow / raw);
    }

    private static double score(List<JmhScore> scores, String benchmark, Map<String, String> params) {
        return scores.stream().filter(s -> s.matches(benchmark, params)).mapToDouble(JmhScore::score).findFirst()
                .orElse(Double.NaN);
    }

    static final String READ = "RandomRead4k.";
    static final String WRITE = "Write4k.";
    static final String SEQ = "Sequential1m.";

    /** Every scenario, in report order. Targets are the (cached reads at depth <= 4 etc.). */
    static List<DiskScenario> all() {
        return List.of(
                new DiskScenario("4 KiB random read, top layer hit", READ + "cowHit", Map.of(), READ + "raw", 0.9,
                        QemuPeer::readTop),
                new DiskScenario("4 KiB random read, miss to backing", READ + "cowMiss", Map.of(), READ + "raw", 0.9,
                        QemuPeer::readBacking),
                chain(1, 0.9),
                chain(4, 0.9),
                chain(16, Double.NaN),
                new DiskScenario("4 KiB first write", WRITE + "cowFirst", Map.of(), WRITE + "rawFirst", 0.5,
                        QemuPeer::firstWrite),
                new DiskScenario("4 KiB overwrite", WRITE + "cowOverwrite", Map.of(), WRITE + "rawOverwrite", 0.8,
                        QemuPeer::overwrite),
                new DiskScenario("1 MiB sequential read (backing)", SEQ + "cowRead", Map.of(), SEQ + "rawRead",
                        Double.NaN, QemuPeer::sequentialRead),
                new DiskScenario("1 MiB sequential overwrite", SEQ + "cowWrite", Map.of(), SEQ + "rawWrite",
                        Double.NaN, QemuPeer::sequentialWrite));
    }

    private static DiskScenario chain(int depth, double target) {
        return new DiskScenario("4 KiB random read, chain depth " + depth, READ + "cowChain",
                Map.of("depth", Integer.toString(depth)), READ + "raw", target, peer -> peer.readChain(depth));
    }
}
