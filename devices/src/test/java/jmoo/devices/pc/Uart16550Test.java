package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import jmoo.devices.TimedDevice;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private static final int BASE = 0x3F8;
    private long nanos;
    private final RecordingIrqLine irq = new RecordingIrqLine();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Uart16550 uart = new Uart16550("uart0", irq, sent::write, () -> nanos);

    private int read(int reg) {
        return uart.in(BASE + reg, 1);
    }

    private void write(int reg, int value) {
        uart.out(BASE + reg, 1, value);
    }

    @Test
    void transmittedBytesReachTheSinkAndThreIsAlwaysSet() {
        write(0, 'h');
        write(0, 'i');
        assertEquals("hi", sent.toString());
        assertEquals(0x60, read(5) & 0x60);
    }

    @Test
    void threInterruptFollowsIerAndIsClearedByReadingIir() {
        write(4, 0x08); // OUT2: IRQ output connected
        assertFalse(irq.level);
        write(1, 0x02); // enable THRE interrupt: THR is empty, so it is pending at once
        assertTrue(irq.level);
        assertEquals(0x02, read(2));
        assertFalse(irq.level);
        assertEquals(0x01, read(2));
        write(0, 'x');  // the byte leaves at once: THRE again
        assertTrue(irq.level);
        write(1, 0x00);
        write(1, 0x02); // Linux's THRE re-assertion test
        assertEquals(0x02, read(2));
    }

    @Test
    void irqOutputNeedsOut2() {
        write(1, 0x02);
        assertFalse(irq.level);
        assertEquals(0x02, read(2) & 0x0F, "the interrupt is pending in IIR even with OUT2 low");
    }

    /** 115200 baud, 8N1: 10 bits of 1/115200 s. */
    private static final long CHARACTER_NANOS = 86_805;

    private void fifosAt115200WithTriggerLevel8() {
        write(3, 0x83);
        write(0, 0x01);
        write(1, 0x00);
        write(3, 0x03);     // 8N1
        write(4, 0x08);     // OUT2
        write(2, 0x87);     // FIFOs on, clear both, trigger level 8
        write(1, 0x01);     // received data interrupt
    }

    private void advanceTo(long when) {
        nanos = when;
        uart.advanceTo(when);
    }

    @Test
    void belowTheTriggerLevelTheCharacterTimeoutComesAfterFourCharacterTimes() {
        fifosAt115200WithTriggerLevel8();
        nanos = 1_000_000;
        for (char c : "abc".toCharArray()) {
            assertTrue(uart.receive(c));
        }
        assertFalse(irq.level, "3 bytes, trigger level 8: nothing yet");
        assertEquals(0xC1, read(2));
        assertEquals(1_000_000 + 4 * CHARACTER_NANOS, uart.nextDeadlineNanos());
        advanceTo(1_000_000 + 4 * CHARACTER_NANOS - 1);
        assertFalse(irq.level);
        advanceTo(1_000_000 + 4 * CHARACTER_NANOS);
        assertTrue(irq.level);
        assertEquals(0xCC, read(2), "character timeout");
        assertEquals(TimedDevice.NO_DEADLINE, uart.nextDeadlineNanos(), "the line is up: nothing to time");
        assertEquals('a', read(0));
        assertEquals(0xC1, read(2), "reading a byte clears the timeout and restarts the count");
        assertFalse(irq.level);
        long restarted = nanos + 4 * CHARACTER_NANOS;
        assertEquals(restarted, uart.nextDeadlineNanos());
        advanceTo(restarted);
        assertEquals(0xCC, read(2));
        assertEquals('b', read(0));
        assertEquals('c', read(0));
        assertEquals(0xC1, read(2));
        assertEquals(TimedDevice.NO_DEADLINE, uart.nextDeadlineNanos(), "an empty FIFO times nothing");
        assertFalse(irq.level);
    }

    @Test
    void atTheTriggerLevelReceivedDataIsAvailableAtOnce() {
        fifosAt115200WithTriggerLevel8();
        for (char c : "abcdefg".toCharArray()) {
            uart.receive(c);
        }
        assertFalse(irq.level);
        nanos += CHARACTER_NANOS;
        uart.receive('h');
        assertTrue(irq.level);
        assertEquals(0xC4, read(2), "received data available");
        StringBuilder got = new StringBuilder();
        while ((read(5) & 0x01) != 0) {
            got.append((char) read(0));
        }
        assertEquals("abcdefgh", got.toString());
        assertEquals(0xC1, read(2));
        assertFalse(irq.level);
    }

    @Test
    void aNewByteRestartsTheTimeoutCount() {
        fifosAt115200WithTriggerLevel8();
        uart.receive('a');
        advanceTo(3 * CHARACTER_NANOS);
        uart.receive('b');
        advanceTo(4 * CHARACTER_NANOS);
        assertFalse(irq.level);
        assertEquals(7 * CHARACTER_NANOS, uart.nextDeadlineNanos());
        advanceTo(7 * CHARACTER_NANOS);
        assertEquals(0xCC, read(2));
    }

    @Test
    void theTimeoutIsNotTimedWithoutTheReceiveInterruptAndIsStillReportedInIir() {
        fifosAt115200WithTriggerLevel8();
        write(1, 0x00);
        uart.receive('a');
        assertEquals(TimedDevice.NO_DEADLINE, uart.nextDeadlineNanos());
        nanos = 10 * CHARACTER_NANOS;
        write(1, 0x01);
        assertTrue(irq.level, "enabling the interrupt shows the timeout that already happened");
        assertEquals(0xCC, read(2));
    }

    @Test
    void withoutFifosOneByteIsReceivedDataAtOnce() {
        write(4, 0x08);
        write(1, 0x01);
        uart.receive('z');
        assertTrue(irq.level);
        assertEquals(0x04, read(2));
        assertEquals(TimedDevice.NO_DEADLINE, uart.nextDeadlineNanos());
    }

    @Test
    void theCharacterTimeFollowsTheBaudRateAndFrame() {
        assertEquals(729_166, uart.characterNanos(), "reset: 9600 baud, 5N1: 7 bits");
        write(3, 0x03);
        assertEquals(1_041_666, uart.characterNanos(), "8N1: 10 bits");
        write(3, 0x00 | 0x04);
        assertEquals(781_250, uart.characterNanos(), "5 data bits with 1.5 stop bits: 7.5 bits");
        write(3, 0x03 | 0x04 | 0x08);
        assertEquals(1_250_000, uart.characterNanos(), "8E2: 12 bits");
    }

    @Test
    void fullFifoRefusesHostBytesWithoutLosingThem() {
        write(2, 0x01);
        for (int i = 0; i < 16; i++) {
            assertTrue(uart.receive('0' + i));
        }
        assertEquals(0, uart.receiveSpace());
        assertFalse(uart.receive('!'));
        assertEquals('0', read(0));
        assertEquals(1, uart.receiveSpace());
    }

    @Test
    void withoutFifosASecondByteFromLoopbackOverrunsAndRaisesLineStatus() {
        write(4, 0x10); // loopback
        write(1, 0x04);
        write(0, 'a');
        write(0, 'b');
        assertEquals(0x06, read(2));
        assertEquals(0x63, read(5), "DR, OE, THRE, TEMT");
        assertEquals(0x61, read(5), "reading LSR clears the overrun");
        assertEquals('a', read(0));
        assertEquals("", sent.toString(), "loopback keeps bytes off the line");
    }

    @Test
    void loopbackModemLinesFollowMcrAsLinuxProbes() {
        write(4, 0x10 | 0x0A); // LOOP | RTS | OUT2
        assertEquals(0x90, read(6) & 0xF0);
        write(4, 0x10 | 0x05); // LOOP | DTR | OUT1
        int msr = read(6);
        assertEquals(0x60, msr & 0xF0);
        assertEquals(0x0B, msr & 0x0F, "CTS, DSR, DCD changed");
        assertEquals(0x00, read(6) & 0x0F, "deltas clear on read");
    }

    @Test
    void dlabSelectsTheDivisorLatch() {
        write(3, 0x83);
        write(0, 0x01);
        write(1, 0x00);
        write(3, 0x03);
        assertEquals(115200, uart.baudRate());
        assertEquals("", sent.toString());
        assertEquals(0, read(1), "IER untouched by divisor writes");
        write(7, 0x5A);
        assertEquals(0x5A, read(7));
    }

    @Test
    void saveAndRestoreKeepReceivedBytes() throws Exception {
        write(2, 0x01);
        uart.receive('q');
        uart.receive('r');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uart.saveState(new DataOutputStream(bytes));
        Uart16550 copy = new Uart16550("uart0", new RecordingIrqLine(), b -> { }, () -> nanos);
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals('q', copy.in(BASE, 1));
        assertEquals('r', copy.in(BASE, 1));
        assertEquals(0xC1, copy.in(BASE + 2, 1));
    }

    @Test
    void saveAndRestoreKeepTheTimeoutCount() throws Exception {
        fifosAt115200WithTriggerLevel8();
        nanos = 5_000;
        uart.receive('q');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uart.saveState(new DataOutputStream(bytes));
        Uart16550 copy = new Uart16550("uart0", new RecordingIrqLine(), b -> { }, () -> nanos);
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(5_000 + 4 * CHARACTER_NANOS, copy.nextDeadlineNanos());
    }
}
