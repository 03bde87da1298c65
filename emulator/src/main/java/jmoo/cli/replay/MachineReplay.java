package jmoo.cli.replay;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import jmoo.boot.BootLoadException;
import jmoo.cli.UserError;
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

/**
 * The machine of a bundle, rebuilt for a replay: same RAM, period, kernel, initrd and command
 * line, the frozen disks ({@link ReplayDisks}), inputs from the bundle's log, the recorded start time, no pacing, the console captured.
 * It runs to the end or to exact instruction counts ({@link #runTo}, for --until, --trace, gdb).
 */
final class MachineReplay implements MachineDebugTarget.ResumableRun, java.io.Closeable {
    private final Machine machine;
    private final ReplayDisks disks;
    private final RunLoop loop;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private RunOutcome outcome;
    private ReplayDivergenceException divergence;

    MachineReplay(CrashBundle bundle) throws Exception {
        BundleManifest m = bundle.manifest();
        ReplayInputSource input = new ReplayInputSource(bundle.inputLog());
        ConsoleTail tail = new ConsoleTail(console::write);
        long start = input.startTimeEpochSeconds(0);
        machine = new Machine(m.memoryBytes(), m.nanosPerInstruction(), start, tail);
        disks = ReplayDisks.attach(m, machine.portBlock());
        try {
            machine.bootLinux(Path.of(m.kernel().path()), m.initrd() == null ? null : Path.of(m.initrd().path()),
                    m.commandLine());
        } catch (Exception e) {
            disks.close();
            throw e instanceof BootLoadException ? new UserError("replay: " + e.getMessage()) : e;
        }
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        loop = new RunLoop(machine, mailbox, input, () -> { }, tail, HostTime.fixed(start), false);
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
        loop.observe(new StopAt(instructionCount));
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
