package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import jmoo.debug.TargetState;
import jmoo.machine.ConsoleTail;
import jmoo.machine.GuestAssembler;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.LiveInputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** gdb's runs of a live machine: exact counts through the run loop, and a user's quit ends them for good. */
@Timeout(60)
class LiveDebugRunTest {
    private static final long START = 1_800_000_000L;

    @TempDir
    Path dir;

    @Test
    void runsToExactCountsUntilTheUserQuitsThenReportsTheGuestGone() throws Exception {
        Machine machine = new Machine(16 << 20, 10, START, new ConsoleTail(b -> { }));
        machine.bootLinux(GuestAssembler.build("/jmoo/machine/echo-guest.S", dir), null, "");
        Mailbox mailbox = new Mailbox();
        RunLoop loop = new RunLoop(machine, mailbox, new LiveInputSource(() -> START, null), () -> { },
                new ConsoleTail(b -> { }), HostTime.fixed(START), false);
        LiveDebugRun run = new LiveDebugRun(machine, loop);
        assertEquals(TargetState.RUNNABLE, run.runTo(1_000));
        assertEquals(1_000, machine.cpu().instructionCount());
        assertEquals(TargetState.RUNNABLE, run.runTo(1_234));
        assertEquals(1_234, machine.cpu().instructionCount());
        loop.quit(new RunOutcome(RunOutcome.Kind.QUIT, "the user quit"));
        assertEquals(TargetState.EXITED, run.runTo(2_000), "not a debugger's stop: the run is over");
        assertEquals(TargetState.EXITED, run.runTo(3_000));
        assertEquals(1_234, machine.cpu().instructionCount());
    }
}
