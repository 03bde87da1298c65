package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
