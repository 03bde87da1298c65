package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jmoo.replay.LiveInputSource;
import jmoo.replay.StopAt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-progress watchdog on the echo guest (echo-guest.S): hangs in kernel mode (spinning with
 * interrupts on or off, or halted with every interrupt line masked) are declared crashes exactly
 * one limit after the last progress; an idle guest never is, however long it idles; a halt with
 * interrupts off is caught at once, watchdog or not.
 */
@Timeout(120)
class WatchdogTest {
    private static final long START = 1_800_000_000L;
    private static final long LIMIT = 50_000_000;   // 50 ms of virtual time

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Machine machine;

    private RunLoop boot(String typed, long limit) throws Exception {
        Path elf = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        ConsoleTail tail = new ConsoleTail(console::write);
        machine = new Machine(16 << 20, 10, START, tail);
        machine.watchdog().setLimitNanos(limit);
        machine.bootLinux(elf, null, "");
        LiveInputSource input = new LiveInputSource(() -> START, null);
        byte[] bytes = typed.getBytes(StandardCharsets.UTF_8);
        input.offer(bytes, 0, bytes.length);
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        return new RunLoop(machine, mailbox, input, () -> { }, tail, HostTime.fixed(START), false);
    }

    private void assertFiredOneLimitAfterTheLastProgress(RunOutcome outcome) {
        assertEquals(RunOutcome.Kind.CRASH, outcome.kind(), outcome.message());
        Watchdog w = machine.watchdog();
        assertTrue(outcome.message().startsWith("watchdog: no progress for 0.05 s of virtual time (last progress at "),
                outcome.message());
        assertEquals(w.lastProgressNanos() + LIMIT, machine.time().nanos(), "fired exactly at the limit");
        assertEquals("ready\nab", console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void spinningWithInterruptsOnIsAHangDespiteTheTimerTicks() throws Exception {
        RunOutcome outcome = boot("ab%", LIMIT).run();
        assertFiredOneLimitAfterTheLastProgress(outcome);
        assertTrue(machine.memory().read32(0x500) >= 4, "the timer kept ticking: " + machine.memory().read32(0x500));
        assertTrue(machine.cpu().instructionCount() >= LIMIT / 10, "spun for the whole limit");
    }

    @Test
    void spinningWithInterruptsOffIsAHang() throws Exception {
        RunOutcome outcome = boot("ab&", LIMIT).run();
        assertFiredOneLimitAfterTheLastProgress(outcome);
        assertEquals(0, machine.cpu().eflags() & 0x200);
    }

    @Test
    void aHaltNoInterruptCanEndIsAHangNotIdling() throws Exception {
        RunOutcome outcome = boot("ab*", LIMIT).run();
        assertFiredOneLimitAfterTheLastProgress(outcome);
        assertTrue(machine.cpu().halted());
    }

    @Test
    void anIdleGuestNeverTripsIt() throws Exception {
        RunLoop loop = boot("ab", LIMIT);
        loop.observe(new StopAt(40_000));   // the timer handler's instructions, tick after tick
        RunOutcome outcome = loop.run();
        assertEquals(RunOutcome.Kind.QUIT, outcome.kind(), outcome.message());
        assertTrue(machine.time().nanos() > 100 * LIMIT, "idled for " + machine.time().nanos() + " ns");
    }

    @Test
    void aHaltWithInterruptsOffIsCaughtAtOnceAndTheWatchdogIsOffByDefault() throws Exception {
        RunOutcome halted = boot("ab$", LIMIT).run();
        assertEquals("the CPU halted with interrupts disabled", halted.message());
        assertTrue(machine.time().nanos() < LIMIT);
        RunLoop loop = boot("ab%", Watchdog.OFF);
        loop.observe(new StopAt(3 * LIMIT / 10));
        assertEquals(RunOutcome.Kind.QUIT, loop.run().kind(), "no watchdog unless asked for");
    }
}
