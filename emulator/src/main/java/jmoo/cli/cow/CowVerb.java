package jmoo.cli.cow;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jmoo.cli.UserError;
import jmoo.cli.Verb;

/** {@code ./jmoo cow SUBCOMMAND ...}: everything UML users do to COW files by hand, as one verb. */
public final class CowVerb implements Verb {
    private final Map<String, CowCommand> commands = new LinkedHashMap<>();

    public CowVerb() {
        for (CowCommand c : List.of(new CreateCommand(), new InfoCommand(), new MergeCommand(), new CommitCommand(),
                new RebaseCommand(), new CheckCommand(), new MapCommand(), new ExportCommand())) {
            commands.put(c.name(), c);
        }
    }

    @Override
    public String name() {
        return "cow";
    }

    @Override
    public String summary() {
        return "UML COW disk files: create, info, merge, commit, rebase, check, map, export";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UserError {
        if (args.length == 0) {
            help(err);
            return 2;
        }
        if (isHelp(args[0]) || (args[0].equals("help") && args.length == 1)) {
            help(out);
            return 0;
        }
        String name = args[0].equals("help") ? args[1] : args[0];
        CowCommand c = commands.get(name);
        if (c == null) {
            throw new UserError("cow: unknown subcommand " + name + " (see ./jmoo cow --help)");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("help") || Arrays.stream(rest).anyMatch(CowVerb::isHelp)) {
            out.println("usage: ./jmoo " + c.usage());
            out.println();
            out.println(c.help());
            return 0;
        }
        CowCommand.Progress progress = out == System.out ? TerminalProgress.forStdout() : TerminalProgress.QUIET;
        try {
            return c.run(rest, out, progress);
        } catch (IOException e) {
            throw DiskErrors.toUserError("cow " + c.name(), e, c.usage().contains(ChainArgs.IGNORE_MISMATCH));
        } catch (UncheckedIOException e) {
            throw DiskErrors.toUserError("cow " + c.name(), e.getCause(), c.usage().contains(ChainArgs.IGNORE_MISMATCH));
        } catch (UserError | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            progress.finish();
        }
    }

    private static boolean isHelp(String a) {
        return a.equals("--help") || a.equals("-h");
    }

    private void help(PrintStream out) {
        out.println("usage: ./jmoo cow SUBCOMMAND [ARGS...]");
        out.println();
        out.println("UML copy-on-write disk files (the format of uml_mkcow, uml_moo and linux.uml).");
        out.println();
        for (CowCommand c : commands.values()) {
            out.printf("  %-7s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("`./jmoo cow SUBCOMMAND --help` describes one.");
    }
}
