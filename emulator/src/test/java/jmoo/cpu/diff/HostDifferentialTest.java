package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form of the table against the host processor: 1200 seeded random and edge cases per form
 * in the default suite (-Djmoo.cpudiff.cases=N changes it; the slow variant runs far more).
 */
class HostDifferentialTest {
    static final int DEFAULT_CASES = Integer.getInteger("jmoo.cpudiff.cases", 1200);

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void emulatorAgreesWithHost(Form form) {
        check(DiffFixtures.differential(), form, DEFAULT_CASES);
    }

    /** Runs the cases and asserts agreement, and that they reached both operand kinds and #DE where possible. */
    static void check(Differential differential, Form form, int cases) {
        Differential.FormRun run = differential.runForm(form, cases);
        assertEquals("", run.divergences);
        if (cases < 200) {
            return; // too few cases for the coverage checks below to be meaningful
        }
        if (form.rm == Form.Rm.ANY) {
            assertTrue(run.memoryCases > cases / 4 && run.registerCases > cases / 4,
                    "operand kinds not both covered: " + run.memoryCases + " memory, " + run.registerCases
                            + " register");
        }
        if (form.name.contains("DIV")) {
            assertTrue(run.divideErrorCases > 0 && run.divideErrorCases < cases / 2,
                    "#DE cases out of balance: " + run.divideErrorCases + " of " + cases);
        }
    }
}
