package jmoo.cli.cow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jmoo.cli.UserError;

/**
 * The parsed arguments of one {@code cow} subcommand: boolean flags, options with a value
 * ({@code -b FILE}) and positionals. Anything unknown is a {@link UserError}.
 */
final class Args {
    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * @param command    for messages, e.g. "cow merge"
     * @param knownFlags flags without a value
     * @param knownValued options taking a value
     */
    static Args parse(String command, String[] args, Set<String> knownFlags, Set<String> knownValued)
            throws UserError {
        Args a = new Args();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && knownFlags.contains(arg)) {
                a.flags.add(arg);
            } else if (options && knownValued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UserError(command + ": " + arg + " needs a value");
                }
                a.values.put(arg, args[++i]);
            } else if (options && arg.startsWith("-") && arg.length() > 1) {
                throw new UserError(command + ": unknown option " + arg + " (see " + command + " --help)");
            } else {
                a.positionals.add(arg);
            }
        }
        return a;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The option's value as a path, or null when absent. */
    Path path(String option) {
        String v = values.get(option);
        return v == null ? null : Path.of(v);
    }

    List<String> positionals() {
        return positionals;
    }

    /** The positionals, checked to number between {@code min} and {@code max}. */
    List<Path> paths(String command, String usage, int min, int max) throws UserError {
        if (positionals.size() < min || positionals.size() > max) {
            throw new UserError(command + ": expected " + (min == max ? Integer.toString(min) : min + ".." + (max
                    == Integer.MAX_VALUE ? "" : max)) + " file argument" + (max == 1 ? "" : "s") + ", got "
                    + positionals.size() + " (usage: " + usage + ")");
        }
        return positionals.stream().map(Path::of).toList();
    }
}
