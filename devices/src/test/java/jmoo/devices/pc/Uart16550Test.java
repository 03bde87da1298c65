package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private static final int BASE = 0x3F8;
    private final RecordingIrqLine irq = new RecordingIrqLine();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Uart16550 uart = new Uart16550("uart0", irq, sent::write);

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

    @Test
    void receiveFifoWithTriggerLevelAndTimeout() {
        write(4, 0x08);
        write(2, 0x87); // FIFOs on, clear both, trigger level 8
        write(1, 0x01);
        for (char c : "abc".toCharArray()) {
            assertTrue(uart.receive(c));
        }
        assertTrue(irq.level);
        assertEquals(0xCC, read(2), "below the trigger level: character timeout");
        for (char c : "defgh".toCharArray()) {
            uart.receive(c);
        }
        assertEquals(0xC4, read(2), "at the trigger level: received data available");
        StringBuilder got = new StringBuilder();
        while ((read(5) & 0x01) != 0) {
            got.append((char) read(0));
        }
        assertEquals("abcdefgh", got.toString());
        assertEquals(0xC1, read(2));
        assertFalse(irq.level);
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
        Uart16550 copy = new Uart16550("uart0", new RecordingIrqLine(), b -> { });
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals('q', copy.in(BASE, 1));
        assertEquals('r', copy.in(BASE, 1));
        assertEquals(0xC1, copy.in(BASE + 2, 1));
    }
}
