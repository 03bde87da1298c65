package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jmoo.replay.InputSource;
import jmoo.replay.LiveInputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole machine (CPU, PIC, PIT, UART, i8042, run loop) running a tiny assembled guest. */
@Timeout(120)
class EchoGuestTest {
    private static final long START = 1_800_000_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Machine machine;

    private RunOutcome run(InputSource input) throws Exception {
        Path elf = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        ConsoleTail tail = new ConsoleTail(console::write);
        machine = new Machine(16 << 20, 10, START, tail);
        machine.bootLinux(elf, null, "");
        Mailbox mailbox = new Mailbox();
        mailbox.closeInput();
        return new RunLoop(machine, mailbox, input, () -> { }, tail, HostTime.fixed(START), false).run();
    }

    private static InputSource typedAtOnce(String text) {
        LiveInputSource input = new LiveInputSource(() -> START, null);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        input.offer(bytes, 0, bytes.length);
        return input;
    }

    /** One byte, delivered once the guest has retired {@code dueAt} instructions. */
    private static InputSource oneByteAt(int b, long dueAt) {
        return new InputSource() {
            private boolean taken;

            @Override
            public long startTimeEpochSeconds(long instructionCount) {
                return START;
            }

            @Override
            public long nextDueAt() {
                return taken ? Long.MAX_VALUE : dueAt;
            }

            @Override
            public boolean hasByte(long instructionCount) {
                return !taken && instructionCount >= dueAt;
            }

            @Override
            public int takeByte(long instructionCount) {
                taken = true;
                return b;
            }
        };
    }

    @Test
    void echoesSerialInputUnderInterruptsAndResetsThroughTheI8042() throws Exception {
        RunOutcome outcome = run(typedAtOnce("hello, wörld\n!"));
        assertEquals(RunOutcome.Kind.RESET, outcome.kind(), outcome.message());
        assertEquals("ready\nhello, wörld\nbye\n", console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void haltedGuestSkipsToTimerDeadlines() throws Exception {
        RunOutcome outcome = run(oneByteAt('#', 4_000));
        assertEquals(RunOutcome.Kind.POWER_OFF, outcome.kind(), outcome.message());
        assertTrue(console.toString().endsWith("reboot: Power down\n"));
        int ticks = machine.memory().read32(0x500);
        long virtualMillis = machine.time().nanos() / 1_000_000;
        long instructions = machine.cpu().instructionCount();
        assertTrue(instructions < 5_000, "the guest idled in HLT: " + instructions + " instructions");
        assertTrue(virtualMillis > 1_000, "virtual time jumped ahead while halted: " + virtualMillis + " ms");
        assertEquals(virtualMillis / 10.0, ticks, 1.0, "one timer interrupt per 10 ms of virtual time");
    }

    @Test
    void aRunIsDeterministic() throws Exception {
        run(oneByteAt('#', 4_000));
        long first = machine.time().nanos();
        int firstTicks = machine.memory().read32(0x500);
        run(oneByteAt('#', 4_000));
        assertEquals(first, machine.time().nanos());
        assertEquals(firstTicks, machine.memory().read32(0x500));
    }

    @Test
    void haltWithInterruptsOffIsACrashWithARegisterReport() throws Exception {
        RunOutcome outcome = run(typedAtOnce("$"));
        assertEquals(RunOutcome.Kind.CRASH, outcome.kind());
        assertTrue(outcome.message().contains("interrupts disabled"), outcome.message());
        String report = new MachineInspector(machine, null).crashReport(outcome.message());
        assertTrue(report.contains("EIP=0x001"), report);
        assertTrue(report.contains("last instructions"), report);
    }
}
