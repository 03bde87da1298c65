package jmoo.cli.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.cli.Verb;
import jmoo.replay.BundleInputs;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;

/** {@code ./jmoo replay BUNDLE}: reruns a recorded crash and checks that it reproduces exactly. */
public final class ReplayVerb implements Verb {
    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "rerun a crash bundle and check it reproduces: ./jmoo replay BUNDLE [--until N] [--gdb PORT]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ReplayOptions options = ReplayOptions.parse(args);
        if (options.help()) {
            out.println(ReplayOptions.USAGE);
            return 0;
        }
        CrashBundle bundle = read(options);
        List<String> problems = BundleInputs.problems(bundle.manifest());
        if (options.info()) {
            BundleSummary.print(options.bundle(), bundle, problems, out);
            return 0;
        }
        if (!problems.isEmpty()) {
            throw new UserError("replay: the run's inputs changed: " + String.join("; ", problems));
        }
        if (bundle.inputLog() == null) {
            throw new UserError("replay: " + options.bundle() + " has no input.log: the run was not recorded");
        }
        throw new UserError("replay: rerunning needs the machine's run loop, which is not wired to replay yet;"
                + " ./jmoo replay BUNDLE --info describes the bundle", 3);
    }

    private static CrashBundle read(ReplayOptions options) throws UserError {
        try {
            return CrashBundleReader.read(options.bundle());
        } catch (IOException e) {
            throw new UserError("replay: " + e.getMessage());
        }
    }
}
