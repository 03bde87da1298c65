package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import jmoo.cli.UserError;
import org.junit.jupiter.api.Test;

class BenchVerbTest {
    @Test
    void helpListsEveryMode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new BenchVerb().run(new String[] {"--help"}, new PrintStream(out), System.err);
        assertEquals(0, rc);
        String text = out.toString(StandardCharsets.UTF_8);
        for (BenchMode m : BenchModes.all()) {
            assertTrue(text.contains("  " + m.name() + " "), "help lists " + m.name() + ":\n" + text);
        }
    }

    @Test
    void unknownModeAndBadOptionsAreOneLineUserErrors() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        UserError mode = assertThrows(UserError.class, () -> new BenchVerb().run(new String[] {"gpu"}, sink, sink));
        assertTrue(mode.getMessage().contains("unknown mode 'gpu'"), mode.getMessage());
        UserError rounds = assertThrows(UserError.class,
                () -> new BenchVerb().run(new String[] {"disk", "--rounds", "0"}, sink, sink));
        assertTrue(rounds.getMessage().contains("--rounds"), rounds.getMessage());
        for (UserError e : new UserError[] {mode, rounds}) {
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void everyDiskScenarioHasItsOwnKeyAndTargetsMatchTheIssue() {
        Set<String> keys = new HashSet<>();
        for (DiskScenario s : DiskScenario.all()) {
            assertTrue(keys.add(s.key()), "duplicate key " + s.key());
        }
        assertEquals(">=0.90 ok", DiskReport.verdict(0.95, 0.9));
        assertEquals(">=0.50 MISS", DiskReport.verdict(0.49, 0.5));
        assertEquals("", DiskReport.verdict(0.3, Double.NaN));
    }
}
