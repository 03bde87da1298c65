package jmoo.replay;

import java.util.List;

/**
 * Where two runs part: their states are equal after {@code lastEqual} instructions and differ
 * after {@code firstDiffering} (= lastEqual + 1 once bisected: the instruction numbered
 * firstDiffering is the one that behaved differently).
 */
public record Divergence(long lastEqual, long firstDiffering, StateHash expected, StateHash actual) {
    public List<String> differingParts() {
        return expected.differingParts(actual);
    }

    @Override
    public String toString() {
        return "states equal after " + lastEqual + " instructions, differ after " + firstDiffering
                + " (" + String.join(", ", differingParts()) + ")";
    }
}
