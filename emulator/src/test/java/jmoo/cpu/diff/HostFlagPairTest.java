package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form followed by an instruction that reads the flags it defined (SETcc, Jcc, CMOVcc, ADC,
 * SBB, RCL, INC, LAHF), run by the emulator in one run() call and compared with the host.
 */
class HostFlagPairTest {
    static final int PAIR_CASES = Integer.getInteger("jmoo.cpudiff.pairCases", 400);

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void flagsReadByTheNextInstructionAgreeWithHost(Form form) {
        Differential.FormRun run = DiffFixtures.differential().runPairs(form, PAIR_CASES);
        assertEquals("", run.divergences);
        assertTrue(run.cases > PAIR_CASES / 2, "too few pairs could be formed: " + run.cases);
    }
}
