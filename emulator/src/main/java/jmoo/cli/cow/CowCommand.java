package jmoo.cli.cow;

import java.io.PrintStream;

/** One subcommand of {@code ./jmoo cow}. */
interface CowCommand {
    String name();

    /** The usage line, e.g. {@code cow create [-f] COW BACKING}. */
    String usage();

    /** One line for {@code cow --help}. */
    String summary();

    /** The full text of {@code cow NAME --help}, after the usage line. */
    String help();

    int run(String[] args, PrintStream out, Progress progress) throws Exception;

    /** Makes progress bars for long operations; quiet unless stdout is a terminal. */
    interface Progress {
        jmoo.disk.Progress start(String label);

        void finish();
    }
}
