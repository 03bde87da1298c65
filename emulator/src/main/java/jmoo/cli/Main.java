package jmoo.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of `./jmoo`. The first argument picks a verb; anything else (or nothing) means
 * "boot a guest", whose arguments follow UML's command line (`ubd0=cow,backing mem=64M ...`).
 */
public final class Main {
    private final Map<String, Verb> verbs = new LinkedHashMap<>();

    Main() {
        for (Verb v : Verbs.all()) {
            verbs.put(v.name(), v);
        }
    }

    public static void main(String[] args) {
        System.exit(new Main().run(args, System.out, System.err));
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            printHelp(out);
            return 0;
        }
        Verb verb = args.length > 0 ? verbs.get(args[0]) : null;
        String[] rest = verb != null ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (verb == null) {
            verb = verbs.get("boot");
        }
        try {
            return verb.run(rest, out, err);
        } catch (UserError e) {
            err.println("jmoo: " + e.getMessage());
            return e.exitStatus();
        } catch (Exception e) {
            err.println("jmoo: internal error: " + e);
            e.printStackTrace(err);
            return 70;
        }
    }

    private void printHelp(PrintStream out) {
        out.println("usage: ./jmoo [VERB] [ARGS...]");
        out.println();
        out.println("With no verb, boots a guest; arguments follow UML's command line, e.g.");
        out.println("  ./jmoo ubd0=root.cow,root_fs mem=64M root=/dev/ubda");
        out.println();
        out.println("verbs:");
        for (Verb v : verbs.values()) {
            out.printf("  %-8s %s%n", v.name(), v.summary());
        }
        out.println();
        out.println("`./jmoo VERB --help` describes one verb.");
    }
}
