package jmoo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import jmoo.debug.Breakpoints;
import jmoo.debug.GdbServer;
import jmoo.debug.MachineDebugTarget;
import jmoo.debug.SessionEnd;
import jmoo.debug.TargetState;
import jmoo.machine.Machine;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.ReplayDivergenceException;
import jmoo.replay.SliceObservers;
import jmoo.replay.StopAt;

/**
 * A live boot under gdb ({@code --gdb PORT --gdb-wait}), the same mechanism as a replay's: gdb
 * drives the machine's own run loop through {@link MachineDebugTarget}, each resume a run to an
 * exact instruction count ({@link StopAt}), so timers, interrupts and console input behave as
 * without a debugger. When gdb detaches the run goes on to its end.
 */
final class LiveDebugRun implements MachineDebugTarget.ResumableRun {
    private final Machine machine;
    private final RunLoop loop;
    private RunOutcome outcome;

    LiveDebugRun(Machine machine, RunLoop loop) {
        this.machine = machine;
        this.loop = loop;
    }

    /** Waits for gdb on 127.0.0.1:port before the first instruction, serves it, then runs to the end. */
    RunOutcome run(int port, PrintStream err) throws IOException, InterruptedException {
        MachineDebugTarget target = new MachineDebugTarget(machine.cpu(), machine.memory(), this);
        try (GdbServer server = new GdbServer(port)) {
            err.println("jmoo: waiting for gdb: target remote 127.0.0.1:" + server.port());
            SessionEnd end = server.serveOne(target, new Breakpoints());
            err.println("jmoo: gdb " + end.name().toLowerCase());
            if (end == SessionEnd.KILLED) {
                loop.quit(new RunOutcome(RunOutcome.Kind.QUIT, "gdb killed the guest"));
            }
        }
        if (outcome != null && outcome.kind() != RunOutcome.Kind.QUIT) {
            return outcome;
        }
        loop.observe(new SliceObservers(List.of()));
        return runLoop();
    }

    @Override
    public TargetState runTo(long instructionCount) {
        if (outcome != null && outcome.kind() != RunOutcome.Kind.QUIT) {
            return TargetState.EXITED;
        }
        loop.observe(new StopAt(instructionCount));
        try {
            outcome = runLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TargetState.EXITED;
        }
        return switch (outcome.kind()) {
            case QUIT -> TargetState.RUNNABLE;
            case CRASH -> machine.cpu().halted() ? TargetState.HALTED : TargetState.TRIPLE_FAULT;
            default -> TargetState.EXITED;
        };
    }

    private RunOutcome runLoop() throws InterruptedException {
        try {
            return loop.run();
        } catch (ReplayDivergenceException e) {
            throw new IllegalStateException("a live run has no recording to diverge from", e);
        }
    }
}
