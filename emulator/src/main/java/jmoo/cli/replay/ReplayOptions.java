package jmoo.cli.replay;

import java.nio.file.Path;
import jmoo.cli.UserError;

/**
 * The replay verb's command line: {@code ./jmoo replay BUNDLE [--until N] [--trace FROM:TO] [--gdb PORT [--gdb-wait]]
 * [--snapshot-at N FILE] [--from-snapshot FILE] [--info]}.
 */
record ReplayOptions(Path bundle, long until, long traceFrom, long traceTo, int gdbPort, boolean gdbWait, boolean info,
        boolean help, long snapshotAt, Path snapshotFile, Path fromSnapshot) {

    static final String USAGE = """
            usage: ./jmoo replay BUNDLE [--until N] [--trace FROM:TO] [--gdb PORT [--gdb-wait]]
                                        [--snapshot-at N FILE] [--from-snapshot FILE] [--info]

              BUNDLE          a crash bundle directory (written on a crash, or by ./jmoo --record DIR)
              --until N       stop after N instructions instead of at the recorded crash (and print
                              the machine's state hash there)
              --snapshot-at N FILE  save the whole machine at instruction N into FILE; what the
                              replay wrote to its disks so far is kept beside it (FILE-ubda.cow)
              --from-snapshot FILE  start from a snapshot of this recording instead of booting;
                              the replay is checked as usual (console output before the snapshot
                              as recorded)
              --trace FROM:TO write an instruction trace of [FROM, TO) to BUNDLE/trace-FROM-TO.txt
              --gdb PORT      wait for gdb on 127.0.0.1:PORT before the first instruction; gdb drives
                              the replay until it detaches, then the replay runs on and is checked
              --gdb-wait      accepted for symmetry with boot (--gdb always waits)
              --info          describe the bundle and check its inputs, without replaying
            Exit status: 0 when the crash reproduced exactly (same instruction count, same console
            output), 1 with the first divergence otherwise, 2 for a bad bundle or argument.""";

    static ReplayOptions parse(String[] args) throws UserError {
        Path bundle = null;
        long until = -1;
        long from = -1;
        long to = -1;
        int port = -1;
        boolean wait = false;
        boolean info = false;
        boolean help = false;
        long snapshotAt = -1;
        Path snapshotFile = null;
        Path fromSnapshot = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--until" -> until = count(value(args, ++i, a), a);
                case "--trace" -> {
                    String[] range = value(args, ++i, a).split(":", -1);
                    if (range.length != 2) {
                        throw new UserError("replay: --trace expects FROM:TO, got " + args[i]);
                    }
                    from = count(range[0], a);
                    to = count(range[1], a);
                    if (to <= from) {
                        throw new UserError("replay: --trace " + args[i] + ": TO must be greater than FROM");
                    }
                }
                case "--gdb" -> port = port(value(args, ++i, a));
                case "--gdb-wait" -> wait = true;
                case "--info" -> info = true;
                case "--snapshot-at" -> {
                    snapshotAt = count(value(args, ++i, a), a);
                    snapshotFile = Path.of(value(args, ++i, a));
                }
                case "--from-snapshot" -> fromSnapshot = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") || bundle != null) {
                        throw new UserError("replay: unexpected argument " + a + " (./jmoo replay --help)");
                    }
                    bundle = Path.of(a);
                }
            }
        }
        if (bundle == null && !help) {
            throw new UserError("replay: no bundle given (./jmoo replay BUNDLE; --help for more)");
        }
        if (wait && port < 0) {
            throw new UserError("replay: --gdb-wait needs --gdb PORT");
        }
        if (snapshotAt >= 0 && until >= 0 && until < snapshotAt) {
            throw new UserError("replay: --until " + until + " comes before --snapshot-at " + snapshotAt);
        }
        return new ReplayOptions(bundle, until, from, to, port, wait, info, help, snapshotAt, snapshotFile, fromSnapshot);
    }

    private static String value(String[] args, int i, String option) throws UserError {
        if (i >= args.length) {
            throw new UserError("replay: " + option + " needs a value");
        }
        return args[i];
    }

    private static long count(String text, String option) throws UserError {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("replay: " + option + " expects an instruction count (a whole number), got " + text);
    }

    private static int port(String text) throws UserError {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("replay: --gdb expects a TCP port (0-65535), got " + text);
    }
}
