package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import jmoo.replay.LiveInputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The RTC's interrupts reach a guest on IRQ 8 through the slave 8259, timed by virtual time. */
@Timeout(120)
class RtcGuestTest {
    private static final long START = 1_800_000_000L;

    @TempDir
    Path dir;

    @Test
    void periodicAndUpdateInterruptsArriveAtTheirRatesInVirtualTime() throws Exception {
        Path elf = GuestAssembler.build("/jmoo/machine/rtc-guest.S", dir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleTail tail = new ConsoleTail(console::write);
        Machine machine = new Machine(16 << 20, 10, START, tail);
        machine.bootLinux(elf, null, "");
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        RunOutcome outcome = new RunLoop(machine, mailbox, new LiveInputSource(() -> START, null), () -> { }, tail,
                HostTime.fixed(START), false).run();
        assertEquals(RunOutcome.Kind.POWER_OFF, outcome.kind(), outcome.message());
        assertEquals(2, machine.memory().read32(0x508), "update-ended interrupts");
        assertEquals(2048, machine.memory().read32(0x504), "1024 Hz periodic interrupts in two virtual seconds");
        assertEquals(200, machine.memory().read32(0x500), 1, "the PIT's 100 Hz alongside");
        assertEquals(2_000_000_000L, machine.time().nanos(), 100_000, "it stopped at the second update");
    }
}
