package jmoo.cli.bench;

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
}
