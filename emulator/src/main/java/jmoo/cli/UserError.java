package jmoo.cli;

/**
 * A problem with what the user asked for (bad arguments, a missing or malformed file). The CLI
 * prints the message alone, one line, and exits with {@link #exitStatus()}.
 */
public class UserError extends Exception {
    private final int exitStatus;

    public UserError(String message) {
        this(message, 2);
    }

    public UserError(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
