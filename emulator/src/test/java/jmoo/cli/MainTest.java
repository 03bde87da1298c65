package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void helpListsEveryVerb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new Main().run(new String[] {"--help"}, new PrintStream(out), System.err);
        assertEquals(0, rc);
        String text = out.toString(StandardCharsets.UTF_8);
        for (Verb v : Verbs.all()) {
            assertTrue(text.contains("  " + v.name() + " "), "help lists " + v.name() + ":\n" + text);
        }
    }
}
