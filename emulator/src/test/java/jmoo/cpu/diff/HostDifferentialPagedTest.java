package jmoo.cpu.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form against the host with paging on in the emulator (window pages mapped 1 MiB above
 * their linear address), so each memory operand goes through page walks and the TLB.
 */
class HostDifferentialPagedTest {
    static final int PAGED_CASES = Integer.getInteger("jmoo.cpudiff.pagedCases", 300);

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmoo.cpu.diff.DiffFixtures#forms")
    void emulatorWithPagingAgreesWithHost(Form form) {
        HostDifferentialTest.check(DiffFixtures.pagedDifferential(), form, PAGED_CASES);
    }
}
