package jmoo.cli;

import java.util.List;
import jmoo.cli.bench.BenchVerb;

/** The registry of verbs, in the order `--help` lists them. Add a verb here. */
final class Verbs {
    private Verbs() {
    }

    static List<Verb> all() {
        return List.of(new BootVerb(), new jmoo.cli.cow.CowVerb(), new BenchVerb(),
                new jmoo.cli.replay.ReplayVerb());
    }
}
