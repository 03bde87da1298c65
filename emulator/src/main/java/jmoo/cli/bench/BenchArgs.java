package jmoo.cli.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jmoo.cli.UserError;

/** Argument checks shared by the bench modes. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** {@code value} as a positive int, or a one-line error naming the mode and the option. */
    static int positive(String mode, String option, String value) throws UserError {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(mode + ": " + option + " expects a positive number, got " + value);
    }

    /** What {@link #roundsAndSwitch} found: the round count, whether the mode's switch was given, --help. */
    record RoundsAndSwitch(int rounds, boolean switchGiven, boolean help) {
    }

    /** What {@link #roundsAndSwitches} found: the round count, the switches given, --help. */
    record RoundsAndSwitches(int rounds, Set<String> given, boolean help) {
    }

    /**
     * Parses the arguments of a mode that takes `[--rounds N] [SWITCH] [--help]` (default 3
     * rounds); anything else is a one-line error naming the mode and quoting its usage.
     */
    static RoundsAndSwitch roundsAndSwitch(String mode, String usage, String switchName, String[] args)
            throws UserError {
        RoundsAndSwitches a = roundsAndSwitches(mode, usage, List.of(switchName), args);
        return new RoundsAndSwitch(a.rounds(), a.given().contains(switchName), a.help());
    }

    /** As {@link #roundsAndSwitch}, for a mode with several switches (each optional). */
    static RoundsAndSwitches roundsAndSwitches(String mode, String usage, List<String> switches, String[] args)
            throws UserError {
        int rounds = 3;
        Set<String> given = new HashSet<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--rounds")) {
                if (i + 1 >= args.length) {
                    throw new UserError(mode + ": --rounds needs a number (" + usage + ")");
                }
                rounds = positive(mode, "--rounds", args[++i]);
            } else if (switches.contains(a)) {
                given.add(a);
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else {
                throw new UserError(mode + ": unexpected argument " + a + " (" + usage + ")");
            }
        }
        return new RoundsAndSwitches(rounds, Set.copyOf(given), help);
    }
}
