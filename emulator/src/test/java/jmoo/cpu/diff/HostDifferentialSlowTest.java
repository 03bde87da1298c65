package jmoo.cpu.diff;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The host differential test with far more cases per form (`mvn test -Pslow`; -Djmoo.cpudiff.slowCases=N). */
@Tag("slow")
class HostDifferentialSlowTest {
    static final int SLOW_CASES = Integer.getInteger("jmoo.cpudiff.slowCases", 100_000);

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void emulatorAgreesWithHostOnManyCases(Form form) {
        HostDifferentialTest.check(DiffFixtures.differential(), form, SLOW_CASES);
    }
}
