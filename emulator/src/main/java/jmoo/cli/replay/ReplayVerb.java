package jmoo.cli.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.cli.Verb;
import jmoo.debug.Breakpoints;
import jmoo.debug.GdbServer;
import jmoo.debug.InstructionTrace;
import jmoo.debug.MachineDebugTarget;
import jmoo.machine.RunOutcome;
import jmoo.replay.BundleInputs;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;
import jmoo.replay.ReplayCheck;
import jmoo.replay.Snapshot;
import jmoo.replay.SnapshotFile;
import jmoo.replay.SnapshotFormatException;
import jmoo.replay.StateHash;

/** {@code ./jmoo replay BUNDLE}: reruns a recorded crash and checks that it reproduces exactly. */
public final class ReplayVerb implements Verb {
    /** What to do about a bundle that cannot be replayed. */
    public static final String RERUN = "rerun it with --record DIR for a bundle that replays";

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "rerun a crash bundle and check it reproduces: ./jmoo replay BUNDLE [--until N] [--gdb PORT]"
                + " [--snapshot-at N FILE] [--from-snapshot FILE]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ReplayOptions options = ReplayOptions.parse(args);
        if (options.help()) {
            out.println(ReplayOptions.USAGE);
            return 0;
        }
        CrashBundle bundle = read(options);
        Snapshot from = options.fromSnapshot() == null ? null : snapshot(options.fromSnapshot());
        BundleManifest starting = from == null ? bundle.manifest() : bundle.manifest().withDiskLayers(from.disks());
        String notReplayable = bundle.manifest().notReplayableReason();
        List<String> problems = notReplayable != null ? List.of("not replayable: " + notReplayable + "; " + RERUN)
                : BundleInputs.problems(starting);
        if (options.info()) {
            BundleSummary.print(options.bundle(), bundle, problems, out);
            return 0;
        }
        if (notReplayable != null) {
            throw new UserError("replay: " + options.bundle() + " cannot be replayed: " + notReplayable + "; " + RERUN);
        }
        if (!problems.isEmpty()) {
            throw new UserError("replay: the run's inputs changed: " + String.join("; ", problems));
        }
        if (bundle.inputLog() == null) {
            throw new UserError("replay: " + options.bundle() + " has no input.log: the run was not recorded");
        }
        Path scratch = options.snapshotFile() == null ? null : options.snapshotFile().toAbsolutePath().getParent();
        if (scratch != null && !Files.isDirectory(scratch)) {
            throw new UserError("replay: --snapshot-at: " + scratch + ": no such directory");
        }
        try (MachineReplay replay = new MachineReplay(bundle, from, scratch)) {
            return replay(options, bundle, replay, out, err);
        }
    }

    private int replay(ReplayOptions options, CrashBundle bundle, MachineReplay replay, PrintStream out, PrintStream err)
            throws Exception {
        MachineDebugTarget target = new MachineDebugTarget(replay.machine().cpu(), replay.machine().memory(), replay);
        long start = replay.instructionCount();
        for (long at : new long[] {options.until(), options.snapshotAt(), options.traceFrom()}) {
            if (at >= 0 && at < start) {
                throw new UserError("replay: the snapshot starts at instruction " + start + ", after " + at);
            }
        }
        if (options.traceFrom() >= 0) {
            trace(options, target, out);
        }
        if (options.gdbPort() >= 0) {
            try (GdbServer server = new GdbServer(options.gdbPort())) {
                err.println("jmoo: replay: waiting for gdb: target remote 127.0.0.1:" + server.port());
                err.println("jmoo: replay: gdb " + server.serveOne(target, new Breakpoints()).name().toLowerCase());
            }
        }
        if (options.snapshotAt() >= 0) {
            snapshotAt(options, replay, out);
        }
        RunOutcome outcome = replay.runToEnd(options.until());
        return verdict(options, bundle.manifest(), bundle, replay, outcome, out, err);
    }

    private static void snapshotAt(ReplayOptions options, MachineReplay replay, PrintStream out) throws Exception {
        replay.runTo(options.snapshotAt());
        if (replay.instructionCount() != options.snapshotAt()) {
            throw new UserError("replay: the run ended at instruction " + replay.instructionCount()
                    + (replay.divergence() != null ? " (" + replay.divergence().getMessage() + ")" : "")
                    + ", before --snapshot-at " + options.snapshotAt());
        }
        try {
            replay.saveSnapshot(options.snapshotFile());
        } catch (IOException e) {
            throw new UserError("replay: saving the snapshot " + options.snapshotFile() + ": " + e.getMessage());
        }
        out.println("replay: saved the machine at instruction " + options.snapshotAt() + " in " + options.snapshotFile()
                + " (state hash " + StateHash.of(replay.machine()) + ")");
    }

    private static Snapshot snapshot(Path file) throws UserError {
        try {
            Snapshot s = SnapshotFile.read(file);
            s.disks();   // parsed now, so a bad section is reported here, in one line
            s.run();
            return s;
        } catch (IOException e) {
            throw new UserError("replay: " + (e instanceof SnapshotFormatException ? "" : file + ": ") + e.getMessage());
        }
    }

    private static void trace(ReplayOptions options, MachineDebugTarget target, PrintStream out) throws IOException {
        Path file = options.bundle().resolve("trace-" + options.traceFrom() + "-" + options.traceTo() + ".txt");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long n = InstructionTrace.write(target, options.traceFrom(), options.traceTo(), w, null);
            out.println("replay: traced " + n + " instructions into " + file);
        }
    }

    private static int verdict(ReplayOptions options, BundleManifest m, CrashBundle bundle, MachineReplay replay,
            RunOutcome outcome, PrintStream out, PrintStream err) {
        if (replay.divergence() != null) {
            err.println("jmoo: replay: " + replay.divergence().getMessage());
            return 1;
        }
        if (options.until() >= 0 && outcome.kind() == RunOutcome.Kind.QUIT) {
            out.println("replay: stopped at instruction " + replay.instructionCount() + " (--until), state hash "
                    + StateHash.of(replay.machine()));
            return 0;
        }
        List<String> differences = ReplayCheck.differences(m.crash(), bundle.consoleLog(), outcome.message(),
                replay.instructionCount(), replay.console());
        if (differences.isEmpty()) {
            out.println("replay: reproduced exactly: \"" + outcome.message() + "\" at instruction "
                    + replay.instructionCount() + ", console output identical (" + replay.console().length + " bytes)");
            return 0;
        }
        for (String d : differences) {
            err.println("jmoo: replay: " + d);
        }
        return 1;
    }

    private static CrashBundle read(ReplayOptions options) throws UserError {
        try {
            return CrashBundleReader.read(options.bundle());
        } catch (IOException e) {
            throw new UserError("replay: " + e.getMessage());
        }
    }
}
