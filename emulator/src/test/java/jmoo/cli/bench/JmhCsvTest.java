package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhCsvTest {
    /** Written by JMH 1.37 with -rf csv (a 1-sample run, hence NaN errors). */
    private static final String SAMPLE = """
            "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: depth"
            "jmoo.bench.disk.RandomRead4k.cowChain","thrpt",1,1,55201.349223,NaN,"ops/s",4
            "jmoo.bench.disk.RandomRead4k.raw","thrpt",1,1,73529.715317,NaN,"ops/s",
            """;

    @Test
    void readsNamesParametersAndScores() {
        List<JmhScore> scores = JmhCsv.parse(SAMPLE);
        assertEquals(2, scores.size());
        JmhScore chain = scores.get(0);
        assertEquals("RandomRead4k.cowChain", chain.benchmark());
        assertEquals(Map.of("depth", "4"), chain.params());
        assertEquals(55201.349223, chain.score(), 1e-9);
        assertTrue(Double.isNaN(chain.error()));
        assertEquals("ops/s", chain.unit());
        assertEquals(Map.of(), scores.get(1).params());
    }

    @Test
    void scenarioPicksItsBenchmarkAndBaseline() {
        DiskScenario depth4 = DiskScenario.all().stream().filter(s -> s.key().equals("RandomRead4k.cowChain[depth=4]"))
                .findFirst().orElseThrow();
        Measured m = depth4.fromJmh(JmhCsv.parse(SAMPLE));
        assertEquals(73529.715317, m.rawOps(), 1e-9);
        assertEquals(55201.349223, m.cowOps(), 1e-9);
        assertEquals(55201.349223 / 73529.715317, m.ratio(), 1e-12);
    }

    @Test
    void refusesWhatIsNotJmhOutput() {
        assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse("Benchmark Mode Cnt Score\n"));
    }
}
