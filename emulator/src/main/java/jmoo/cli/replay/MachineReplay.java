package jmoo.cli.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jmoo.boot.BootLoadException;
import jmoo.cli.UserError;
import jmoo.debug.DebuggerStop;
import jmoo.debug.MachineDebugTarget;
import jmoo.debug.TargetState;
import jmoo.machine.ConsoleTail;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.ReplayDivergenceException;
import jmoo.replay.ReplayInputSource;
import jmoo.replay.SliceObservers;
import jmoo.replay.StopAt;
import jmoo.replay.InputLogException;
import jmoo.replay.RunPoint;
import jmoo.replay.Sha256;
import jmoo.replay.Snapshot;
import jmoo.replay.SnapshotFile;
import jmoo.replay.SnapshotFormatException;

/**
 * The machine of a bundle, rebuilt for a replay: same RAM, period, kernel, initrd and command
 * line, the frozen disks ({@link ReplayDisks}), inputs from the bundle's log, the recorded start time, no pacing, the console captured.
 * It runs to the end or to exact instruction counts ({@link #runTo}, for --until, --trace, gdb).
 * It can start from a machine snapshot of the same recording instead of booting, and save one.
 */
final class MachineReplay implements MachineDebugTarget.ResumableRun, java.io.Closeable {
    private final Machine machine;
    private final ReplayDisks disks;
    private final RunLoop loop;
    private final ReplayInputSource input;
    private final ConsoleTail tail;
    private final String origin;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private RunOutcome outcome;
    private ReplayDivergenceException divergence;

    /**
     * @param from          a snapshot of this recording to start from instead of booting, or null
     * @param scratchParent where the replay's temporary disk COWs go (null: the system's temporary
     *                      folder); a snapshot's disk layers are moved from there beside it
     */
    MachineReplay(CrashBundle bundle, Snapshot from, Path scratchParent) throws Exception {
        BundleManifest m = from == null ? bundle.manifest() : bundle.manifest().withDiskLayers(from.disks());
        input = new ReplayInputSource(bundle.inputLog());
        origin = Sha256.ofFile(bundle.inputLog());
        tail = new ConsoleTail(console::write);
        long start = input.startTimeEpochSeconds(0);
        machine = new Machine(m.memoryBytes(), m.nanosPerInstruction(), start, tail);
        machine.watchdog().setLimitNanos(m.watchdogNanos());
        disks = ReplayDisks.attach(m, machine.portBlock(), scratchParent);
        try {
            if (from == null) {
                machine.bootLinux(Path.of(m.kernel().path()), m.initrd() == null ? null : Path.of(m.initrd().path()),
                        m.commandLine());
            } else {
                resume(from, bundle.consoleLog());
            }
        } catch (Exception e) {
            disks.close();
            throw e instanceof BootLoadException || e instanceof SnapshotFormatException || e instanceof InputLogException
                    ? new UserError("replay: " + e.getMessage()) : e;
        }
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        loop = new RunLoop(machine, mailbox, input, () -> { }, tail, HostTime.fixed(start), false);
    }

    /** Restores the snapshot and moves the input log and the console output to its point. */
    private void resume(Snapshot from, byte[] recordedConsole) throws IOException, UserError {
        RunPoint run = from.run();
        if (!run.origin().equals(origin)) {
            throw new UserError("replay: " + from.file() + " was not taken from this recording (its input log has sha256 "
                    + (run.origin().isEmpty() ? "<none: a live run>" : run.origin()) + ", this bundle's " + origin + ")");
        }
        if (run.consoleBytes() > recordedConsole.length) {
            throw new UserError("replay: " + from.file() + " was taken after " + run.consoleBytes()
                    + " console bytes, the recording has only " + recordedConsole.length);
        }
        from.restoreInto(machine);
        input.skipTo(run.idlePeriods(), run.inputBytes());
        for (int i = 0; i < run.consoleBytes(); i++) {
            tail.accept(recordedConsole[i]);   // the output before the snapshot, as the recording has it
        }
    }

    /**
     * Saves the machine as it is now into {@code file}, with the disks frozen as they are
     * (see {@link ReplayDisks#freezeTops}).
     */
    void saveSnapshot(Path file) throws IOException, UserError {
        List<BundleManifest.DiskLayer> layers = disks.freezeTops(file, machine.portBlock());
        SnapshotFile.save(file, machine, layers, disks.recorded(),
                new RunPoint(origin, input.idlePeriods(), input.deliveredBytes(), tail.bytesWritten()));
    }

    Machine machine() {
        return machine;
    }

    /** Runs to the end of the run (or to {@code until} when not negative); null if it diverged. */
    RunOutcome runToEnd(long until) throws InterruptedException {
        loop.observe(until >= 0 ? new StopAt(until) : new SliceObservers(List.of()));
        return run();
    }

    @Override
    public TargetState runTo(long instructionCount) {
        if (outcome != null && outcome.kind() != RunOutcome.Kind.QUIT) {
            return stateOf(outcome);
        }
        loop.observe(new DebuggerStop(machine.cpu(), instructionCount));
        try {
            run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TargetState.EXITED;
        }
        return outcome == null ? TargetState.EXITED : stateOf(outcome);
    }

    private RunOutcome run() throws InterruptedException {
        try {
            outcome = loop.run();
        } catch (ReplayDivergenceException e) {
            divergence = e;
            outcome = null;
        }
        return outcome;
    }

    private TargetState stateOf(RunOutcome o) {
        return switch (o.kind()) {
            case QUIT -> TargetState.RUNNABLE;
            case CRASH -> machine.cpu().halted() ? TargetState.HALTED : TargetState.TRIPLE_FAULT;
            default -> TargetState.EXITED;
        };
    }

    /** The divergence that ended the replay, or null. */
    ReplayDivergenceException divergence() {
        return divergence;
    }

    byte[] console() {
        return console.toByteArray();
    }

    long instructionCount() {
        return machine.cpu().instructionCount();
    }

    /** Closes the disks and deletes the replay's temporary COWs. */
    @Override
    public void close() throws java.io.IOException {
        disks.close();
    }
}
