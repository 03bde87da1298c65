package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jmoo.devices.TimedDevice;
import org.junit.jupiter.api.Test;

/** The RTC's periodic, alarm and update-ended interrupts, register C, and IRQ 8, in virtual time. */
class Mc146818RtcInterruptTest {
    private static final long START = LocalDateTime.of(2026, 11, 25, 23, 59, 58).toEpochSecond(ZoneOffset.UTC);
    private static final long SECOND = 1_000_000_000L;
    private long nanos;
    private final RecordingIrqLine irq = new RecordingIrqLine();
    private final Mc146818Rtc rtc = new Mc146818Rtc(() -> nanos, irq, START);

    private int read(int reg) {
        rtc.out(0x70, 1, reg);
        return rtc.in(0x71, 1);
    }

    private void write(int reg, int value) {
        rtc.out(0x70, 1, reg);
        rtc.out(0x71, 1, value);
    }

    /** What the machine does: run to the deadline, then let the device act. */
    private void runToDeadline() {
        long deadline = rtc.nextDeadlineNanos();
        assertTrue(deadline > nanos && deadline != TimedDevice.NO_DEADLINE, "a deadline ahead: " + deadline);
        nanos = deadline;
        rtc.advanceTo(nanos);
    }

    @Test
    void periodicInterruptAt1024HzFromRegisterA() {
        write(0x0A, 0x26);
        write(0x0B, 0x42); // PIE, 24-hour
        assertEquals(976_563, rtc.nextDeadlineNanos(), "32 cycles of 32.768 kHz, rounded up");
        rtc.advanceTo(976_562);
        assertFalse(irq.level);
        runToDeadline();
        assertTrue(irq.level);
        assertEquals(TimedDevice.NO_DEADLINE, rtc.nextDeadlineNanos(), "the line stays up until C is read");
        assertEquals(0xC0, read(0x0C), "IRQF | PF");
        assertFalse(irq.level, "reading C lowers IRQ 8");
        assertEquals(0x00, read(0x0C), "read-to-clear");
        int edges = irq.risingEdges;
        while (nanos < SECOND - 1) {
            runToDeadline();
            assertEquals(0xC0, read(0x0C) & 0xC0);
        }
        assertEquals(1023, irq.risingEdges - edges, "1024 per second: the first was counted before");
    }

    @Test
    void theRateSelectBitsSetThePeriod() {
        write(0x0B, 0x42);
        write(0x0A, 0x2F); // 2 Hz
        assertEquals(SECOND / 2, rtc.nextDeadlineNanos());
        write(0x0A, 0x21); // rate 1: 256 Hz, like rate 8
        assertEquals(3_906_250, rtc.nextDeadlineNanos());
        write(0x0A, 0x23); // 8192 Hz
        assertEquals(122_071, rtc.nextDeadlineNanos());
        write(0x0A, 0x20); // rate 0: no periodic interrupt
        assertEquals(TimedDevice.NO_DEADLINE, rtc.nextDeadlineNanos());
    }

    @Test
    void flagsAreSetWithoutTheirEnableBitsButRaiseNoInterrupt() {
        write(0x0A, 0x26);
        assertEquals(TimedDevice.NO_DEADLINE, rtc.nextDeadlineNanos(), "nothing enabled: nothing to time");
        nanos = 1_500_000_000L;
        assertEquals(0x50, read(0x0C), "PF and UF, no IRQF");
        assertFalse(irq.level);
        write(0x0B, 0x42);
        assertFalse(irq.level, "C was read: no flag left to raise the line");
        nanos += SECOND / 512;
        assertEquals(0xC0, read(0x0C));
    }

    @Test
    void enablingAnInterruptWhoseFlagIsSetRaisesTheLineAtOnce() {
        nanos = SECOND / 2;
        write(0x0B, 0x42);
        assertTrue(irq.level, "PF has been set since the first tick");
        assertEquals(1, irq.risingEdges);
    }

    @Test
    void updateEndedInterruptEverySecond() {
        write(0x0B, 0x12); // UIE
        assertEquals(SECOND, rtc.nextDeadlineNanos());
        runToDeadline();
        assertTrue(irq.level);
        assertEquals(0x90 | 0x40, read(0x0C), "IRQF, UF; PF is set too (1024 Hz, not enabled)");
        assertEquals(0x59, read(0x00), "the update brought 23:59:59");
        assertEquals(2 * SECOND, rtc.nextDeadlineNanos());
    }

    @Test
    void alarmInterruptWhenAnUpdateReachesTheAlarmTime() {
        write(0x01, 0x00);
        write(0x03, 0x00);
        write(0x05, 0x00); // 00:00:00 BCD
        write(0x0B, 0x22); // AIE
        runToDeadline();   // 23:59:59
        assertFalse(irq.level);
        assertEquals(0x10, read(0x0C) & 0xB0, "UF only (PF is set too: 1024 Hz, not enabled)");
        runToDeadline();   // 00:00:00
        assertTrue(irq.level);
        assertEquals(0xB0, read(0x0C) & 0xB0, "IRQF, AF, UF");
        runToDeadline();
        assertFalse(irq.level);
    }

    @Test
    void dontCareAlarmFieldsMatchEverySecond() {
        write(0x01, 0xFF);
        write(0x03, 0xC0);
        write(0x05, 0xC5);
        write(0x0B, 0x22);
        runToDeadline();
        assertTrue(irq.level);
        assertEquals(0xA0, read(0x0C) & 0xA0);
    }

    @Test
    void anAlarmPassedWhileNotTimedIsStillFlagged() {
        write(0x01, 0x30);
        write(0x03, 0x15);
        write(0x05, 0x12); // 12:15:30, reached 12 h after the start
        read(0x0C);
        nanos = 12 * 3600 * SECOND;
        assertEquals(0x10, read(0x0C) & 0x30, "not there yet");
        nanos += 20 * 60 * SECOND;
        assertEquals(0x30, read(0x0C) & 0x30, "passed: AF");
        nanos += 3 * 86_400 * SECOND;
        assertEquals(0x30, read(0x0C) & 0x30, "days later: passed again");
    }

    @Test
    void alarmInBinaryTwelveHourMode() {
        write(0x0B, 0x04 | 0x20); // binary, 12-hour, AIE
        write(0x01, 0);
        write(0x03, 0);
        write(0x05, 12); // 12 AM = midnight
        runToDeadline();
        runToDeadline();
        assertTrue(irq.level);
    }

    @Test
    void theSetBitStopsUpdateInterruptsAndClearsUie() {
        write(0x0B, 0x12);
        write(0x0B, 0x80 | 0x12);
        assertEquals(0x82, read(0x0B), "SET clears UIE");
        assertEquals(TimedDevice.NO_DEADLINE, rtc.nextDeadlineNanos());
        nanos = 3 * SECOND;
        assertEquals(0x00, read(0x0C) & 0x10, "no update cycles while SET");
    }

    @Test
    void aStoppedOrResetDividerGeneratesNothing() {
        write(0x0B, 0x52);
        write(0x0A, 0x76); // divider in reset
        assertEquals(TimedDevice.NO_DEADLINE, rtc.nextDeadlineNanos());
        nanos = 5 * SECOND;
        assertEquals(0x00, read(0x0C));
        write(0x0A, 0x26);
        assertEquals(5 * SECOND + 976_563, rtc.nextDeadlineNanos());
    }

    @Test
    void saveAndRestoreKeepPendingFlags() throws Exception {
        write(0x0B, 0x12);
        runToDeadline();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rtc.saveState(new DataOutputStream(bytes));
        RecordingIrqLine otherIrq = new RecordingIrqLine();
        Mc146818Rtc copy = new Mc146818Rtc(() -> nanos, otherIrq, 0);
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        copy.out(0x70, 1, 0x0C);
        assertEquals(0xD0, copy.in(0x71, 1));
        assertEquals(2 * SECOND, copy.nextDeadlineNanos());
    }
}
