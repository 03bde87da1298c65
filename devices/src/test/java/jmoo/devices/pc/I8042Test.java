package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jmoo.devices.StateRoundTrip;
import org.junit.jupiter.api.Test;

class I8042Test {
    private int resets;
    private final RecordingIrqLine kbd = new RecordingIrqLine();
    private final I8042 i8042 = new I8042(kbd, new RecordingIrqLine(), () -> resets++);

    @Test
    void selfTestAndCommandByteAsLinuxProbesThem() {
        assertEquals(0, i8042.in(0x64, 1) & 0x01, "output buffer empty");
        i8042.out(0x64, 1, 0xAA);
        assertEquals(0x01, i8042.in(0x64, 1) & 0x01);
        assertEquals(0x55, i8042.in(0x60, 1));
        i8042.out(0x64, 1, 0x20);
        int ctr = i8042.in(0x60, 1);
        i8042.out(0x64, 1, 0x60);
        i8042.out(0x60, 1, ctr & ~0x01);
        i8042.out(0x64, 1, 0x20);
        assertEquals(ctr & ~0x01, i8042.in(0x60, 1));
    }

    @Test
    void keyboardResetAnswersAckAndSelfTestWithAnInterrupt() {
        i8042.out(0x60, 1, 0xFF);
        assertEquals(1, kbd.risingEdges);
        assertEquals(0xFA, i8042.in(0x60, 1));
        assertEquals(0xAA, i8042.in(0x60, 1));
    }

    @Test
    void mouseBytesAreFlaggedAsAuxData() {
        i8042.out(0x64, 1, 0xD4);
        i8042.out(0x60, 1, 0xF2);
        assertEquals(0x21, i8042.in(0x64, 1) & 0x21);
        assertEquals(0xFA, i8042.in(0x60, 1));
        assertEquals(0x00, i8042.in(0x60, 1));
    }

    @Test
    void pulsingTheResetLineRequestsAReset() {
        i8042.out(0x64, 1, 0xFE);
        assertEquals(1, resets);
        i8042.out(0x64, 1, 0xFF); // pulses no line
        assertEquals(1, resets);
        i8042.out(0x64, 1, 0xD1);
        i8042.out(0x60, 1, 0x02); // output port with bit 0 low
        assertEquals(2, resets);
    }

    @Test
    void aRestoredControllerKeepsItsQueueCommandByteAndAHalfWrittenCommand() throws Exception {
        i8042.out(0x64, 1, 0x60);
        i8042.out(0x60, 1, 0x47);               // command byte
        i8042.out(0x60, 1, 0xFF);               // keyboard reset: ACK and self-test queued
        assertEquals(0xFA, i8042.in(0x60, 1));
        i8042.out(0x64, 1, 0xD1);               // write output port: waits for its data byte
        RecordingIrqLine line = new RecordingIrqLine();
        int[] copyResets = new int[1];
        I8042 copy = new I8042(line, new RecordingIrqLine(), () -> copyResets[0]++);
        StateRoundTrip.copy(i8042, copy);
        assertEquals(0xAA, copy.in(0x60, 1), "the queued self-test result");
        copy.out(0x60, 1, 0x02);                // the pending 0xD1's data: reset line low
        assertEquals(1, copyResets[0]);
        copy.out(0x64, 1, 0x20);
        assertEquals(0x47, copy.in(0x60, 1));
    }
}
