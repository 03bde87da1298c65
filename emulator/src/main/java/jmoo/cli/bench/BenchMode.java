package jmoo.cli.bench;

import java.io.PrintStream;

/** One sub-mode of `./jmoo bench` (`disk`, later `cpu`, `boot`, ...). Register it in {@link BenchModes}. */
public interface BenchMode {
    /** The word after `bench`. */
    String name();

    /** One line for `./jmoo bench --help`. */
    String summary();

    /** Runs the benchmark and prints its report; returns the process exit status. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
