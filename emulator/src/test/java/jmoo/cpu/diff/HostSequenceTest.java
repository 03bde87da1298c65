package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random register-only instruction sequences, run by the emulator as one block, against the host. */
class HostSequenceTest {
    static final int PER_BATCH = Integer.getInteger("jmoo.cpudiff.sequences", 2000);

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void sequencesAgreeWithHost(int batch) {
        assertEquals("", DiffFixtures.differential().runSequences(batch * PER_BATCH, PER_BATCH).divergences);
    }
}
