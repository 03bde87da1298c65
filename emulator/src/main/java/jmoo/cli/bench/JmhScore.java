package jmoo.cli.bench;

import java.util.Map;

/**
 * One line of a JMH result: {@code benchmark} is the method's simple class and name
 * ("RandomRead4k.raw"), {@code params} its parameters, {@code score} in {@code unit}, and
 * {@code error} the 99.9% half-width (NaN when too few samples).
 */
public record JmhScore(String benchmark, Map<String, String> params, double score, double error, String unit) {
    /** True for this benchmark with every one of {@code wanted}'s parameters. */
    public boolean matches(String name, Map<String, String> wanted) {
        return benchmark.equals(name) && params.entrySet().containsAll(wanted.entrySet());
    }
}
