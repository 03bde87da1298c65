package jmoo.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stricter than {@link SystemProgramsTest} and slow: jmoo's single-step trace of every guest
 * program equals QEMU's (EIP, general registers, the defined flags) instruction by instruction.
 */
@Tag("slow")
class TraceComparisonTest {
    /** Programs whose traces are known to part legally, and why. */
    private static final Map<String, String> KNOWN_DIVERGENCES = Map.of(
            "irq_rep", "the REP iteration an interrupt lands on is the CPU's choice (QEMU finishes the copy first)",
            "bcd", "the undefined flags of the adjusts go through PUSHF into a register before they are"
                    + " masked (SystemProgramsTest compares the defined ones)",
            "bcd_aas", "as bcd: AAS leaves SF, ZF, PF and OF undefined",
            "pf_protection", "QEMU sets the PDE's accessed bit on a walk that ends in a protection fault,"
                    + " jmoo does not (the manuals leave it open; the program's output agrees)");

    @TempDir
    Path work;

    static Stream<String> programs() throws IOException, URISyntaxException {
        URL dir = TraceComparisonTest.class.getResource("/jmoo/cpu/system/programs");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".s"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("programs")
    void sameTraceAsQemu(String program) throws Exception {
        Assumptions.assumeFalse(KNOWN_DIVERGENCES.containsKey(program), () -> KNOWN_DIVERGENCES.get(program));
        Optional<TraceComparator.Divergence> d =
                TraceCompareTool.compare(program, work, TraceCompareTool.DEFAULT_FLAGS_MASK);
        assertEquals(Optional.empty(), d.map(x -> x + "\n" + TraceCompareTool.where(work, program, x)));
    }
}
