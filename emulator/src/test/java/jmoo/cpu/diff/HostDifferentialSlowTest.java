package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host comparisons with far more cases (`mvn test -Pslow`): per form single instructions
 * (-Djmoo.cpudiff.slowCases, default 100 000) and flag pairs (a fifth of that), plus sequences.
 */
@Tag("slow")
class HostDifferentialSlowTest {
    static final int SLOW_CASES = Integer.getInteger("jmoo.cpudiff.slowCases", 100_000);

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void emulatorAgreesWithHostOnManyCases(Form form) {
        HostDifferentialTest.check(DiffFixtures.differential(), form, SLOW_CASES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void flagPairsAgreeWithHostOnManyCases(Form form) {
        assertEquals("", DiffFixtures.differential().runPairs(form, SLOW_CASES / 5).divergences);
    }

    @Test
    void manySequencesAgreeWithHost() {
        assertEquals("", DiffFixtures.differential().runSequences(1_000_000, SLOW_CASES * 10).divergences);
    }
}
