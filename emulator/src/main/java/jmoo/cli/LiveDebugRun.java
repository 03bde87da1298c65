package jmoo.cli;

import java.io.IOException;
import java.io.PrintStream;
import jmoo.debug.Breakpoints;
import jmoo.debug.DebuggerStop;
import jmoo.debug.GdbConnection;
import jmoo.debug.GdbListener;
import jmoo.debug.GdbServer;
import jmoo.debug.MachineDebugTarget;
import jmoo.debug.SessionEnd;
import jmoo.debug.TargetState;
import jmoo.machine.Machine;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.ReplayDivergenceException;

/**
 * A live boot with a gdb stub ({@code --gdb PORT}, optionally {@code --gdb-wait}), the same
 * mechanism as a replay's: while gdb is attached it drives the machine's own run loop through
 * {@link MachineDebugTarget}, each resume a run to an exact instruction count
 * ({@link DebuggerStop}), so timers, interrupts and console input behave as without a debugger.
 * Without gdb the guest runs normally; gdb may attach at any time (a background thread accepts
 * it and the run loop stops at the next slice boundary, between instructions), and when it
 * detaches or goes away the guest runs on, ready for the next attach.
 */
final class LiveDebugRun implements MachineDebugTarget.ResumableRun {
    private final Machine machine;
    private final RunLoop loop;
    /** How the run ended for good (gdb cannot resume it), or null. */
    private RunOutcome finished;

    LiveDebugRun(Machine machine, RunLoop loop) {
        this.machine = machine;
        this.loop = loop;
    }

    /** Serves gdb on 127.0.0.1:port (first before the first instruction when {@code wait}) until the run ends. */
    RunOutcome run(int port, boolean wait, PrintStream err) throws IOException, InterruptedException {
        MachineDebugTarget target = new MachineDebugTarget(machine.cpu(), machine.memory(), this);
        try (GdbServer server = new GdbServer(port)) {
            GdbConnection next = null;
            if (wait) {
                err.println("jmoo: waiting for gdb: target remote 127.0.0.1:" + server.port());
                next = server.accept();
            } else {
                err.println("jmoo: gdb may attach: target remote 127.0.0.1:" + server.port());
            }
            // An attach wakes an idle run loop, and takes over a guest the monitor paused (`stop`).
            try (GdbListener listener = new GdbListener(server, loop::resume)) {
                for (;;) {
                    if (next != null) {
                        SessionEnd end = serve(next, target);
                        err.println("jmoo: gdb " + end.name().toLowerCase());
                        if (end == SessionEnd.KILLED) {
                            return new RunOutcome(RunOutcome.Kind.QUIT, "gdb killed the guest");
                        }
                        if (finished != null) {
                            return finished;
                        }
                    }
                    loop.observe(listener.stopWhenAttached(machine.cpu()));
                    RunOutcome o = runLoop();
                    next = listener.take();
                    if (next == null) {
                        return o;
                    }
                }
            }
        }
    }

    private static SessionEnd serve(GdbConnection connection, MachineDebugTarget target) throws IOException {
        try (connection) {
            return connection.serve(target, new Breakpoints());
        }
    }

    @Override
    public TargetState runTo(long instructionCount) {
        if (finished == null) {
            DebuggerStop stop = new DebuggerStop(machine.cpu(), instructionCount);
            loop.observe(stop);
            RunOutcome o;
            try {
                o = runLoop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                o = new RunOutcome(RunOutcome.Kind.QUIT, "interrupted");
            }
            if (o.kind() == RunOutcome.Kind.QUIT && stop.fired()) {
                return TargetState.RUNNABLE;
            }
            finished = o; // the guest's end, or the user quitting while gdb ran it
        }
        return switch (finished.kind()) {
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
