package jmoo.cli.bench;

import java.io.PrintStream;
import java.util.Arrays;
import jmoo.cli.UserError;
import jmoo.cli.Verb;

/** `./jmoo bench MODE [ARGS]`: short benchmark runs that print ratios to a baseline. */
public final class BenchVerb implements Verb {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "short benchmarks: `bench disk` (COW vs raw vs qcow2), `bench cpu` (guest MIPS), `bench boot`, `bench guest-disk`";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            printHelp(out);
            return args.length == 0 ? 2 : 0;
        }
        for (BenchMode mode : BenchModes.all()) {
            if (mode.name().equals(args[0])) {
                return mode.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
        }
        throw new UserError("bench: unknown mode '" + args[0] + "' (try ./jmoo bench --help)");
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: ./jmoo bench MODE [--help | MODE ARGS...]");
        out.println();
        out.println("modes:");
        for (BenchMode mode : BenchModes.all()) {
            out.printf("  %-11s %s%n", mode.name(), mode.summary());
        }
    }
}
