package jmoo.cli;

import java.io.PrintStream;

/** One top-level command of the jmoo CLI (`./jmoo VERB ...`). */
public interface Verb {
    /** The word the user types. */
    String name();

    /** One line for `./jmoo --help`. */
    String summary();

    /**
     * Runs the verb. User errors are reported by throwing {@link UserError}; the caller prints
     * its message on one line and exits non-zero, without a stack trace.
     *
     * @return the process exit status
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
