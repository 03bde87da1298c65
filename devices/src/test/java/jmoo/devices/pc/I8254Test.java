package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmoo.devices.ClockConversion;
import jmoo.devices.PcLayout;
import jmoo.devices.TimedDevice;
import org.junit.jupiter.api.Test;

class I8254Test {
    private long nanos;
    private final RecordingIrqLine irq0 = new RecordingIrqLine();
    private final I8254 pit = new I8254(() -> nanos, irq0);

    private void atTick(long tick) {
        nanos = ClockConversion.nanosOfTick(tick, PcLayout.PIT_HZ);
    }

    private int readWord(int port) {
        return pit.in(port, 1) | pit.in(port, 1) << 8;
    }

    @Test
    void mode2GivesAPeriodicIrq0AtEachPeriod() {
        pit.out(0x43, 1, 0x34); // channel 0, LSB then MSB, mode 2
        pit.out(0x40, 1, 1193 & 0xFF);
        pit.out(0x40, 1, 1193 >> 8);
        assertEquals(ClockConversion.nanosOfTick(1193, PcLayout.PIT_HZ), pit.nextDeadlineNanos());
        atTick(1192);
        pit.advanceTo(nanos);
        assertEquals(0, irq0.risingEdges);
        atTick(1193);
        pit.advanceTo(nanos);
        assertEquals(1, irq0.risingEdges);
        assertEquals(ClockConversion.nanosOfTick(2386, PcLayout.PIT_HZ), pit.nextDeadlineNanos());
        atTick(10 * 1193 + 5); // a long halt: missed edges merge into one request
        pit.advanceTo(nanos);
        assertEquals(2, irq0.risingEdges);
        assertEquals(ClockConversion.nanosOfTick(11 * 1193, PcLayout.PIT_HZ), pit.nextDeadlineNanos());
    }

    @Test
    void counterLatchFreezesTheCountUntilBothBytesAreRead() {
        pit.out(0x43, 1, 0x34);
        pit.out(0x40, 1, 0x00);
        pit.out(0x40, 1, 0x10); // 0x1000
        atTick(0x100);
        pit.out(0x43, 1, 0x00); // latch channel 0
        atTick(0x200);
        assertEquals(0x0F00, readWord(0x40));
        assertEquals(0x0E00, readWord(0x40), "after the latch is read, reads are live again");
    }

    @Test
    void mode3CountsDownByTwoAndSquareWaveOutputHasBothHalves() {
        pit.out(0x43, 1, 0xB6); // channel 2, word, mode 3
        pit.out(0x42, 1, 100);
        pit.out(0x42, 1, 0);
        SystemControlPortB port61 = new SystemControlPortB(pit, () -> nanos);
        port61.out(0x61, 1, 0x01); // gate high: starts counting now (tick 0)
        atTick(10);
        pit.out(0x43, 1, 0x80);
        assertEquals(80, readWord(0x42));
        atTick(49);
        assertEquals(0x20, port61.in(0x61, 1) & 0x20, "high during the first half");
        atTick(50);
        assertEquals(0, port61.in(0x61, 1) & 0x20, "low during the second half");
        assertEquals(0x01, port61.in(0x61, 1) & 0x03);
    }

    @Test
    void mode0RaisesOutOnceAtTerminalCountAndWraps() {
        pit.out(0x43, 1, 0x30); // channel 0, word, mode 0
        pit.out(0x40, 1, 50);
        pit.out(0x40, 1, 0);
        atTick(49);
        pit.advanceTo(nanos);
        assertEquals(0, irq0.risingEdges);
        atTick(50);
        pit.advanceTo(nanos);
        assertEquals(1, irq0.risingEdges);
        assertEquals(TimedDevice.NO_DEADLINE, pit.nextDeadlineNanos());
        atTick(52);
        pit.out(0x43, 1, 0x00);
        assertEquals(0xFFFE, readWord(0x40));
    }

    @Test
    void gateLowPausesMode0OnChannel2() {
        SystemControlPortB port61 = new SystemControlPortB(pit, () -> nanos);
        port61.out(0x61, 1, 0x00);
        pit.out(0x43, 1, 0xB0); // channel 2, word, mode 0
        pit.out(0x42, 1, 0xE8);
        pit.out(0x42, 1, 0x03); // 1000
        atTick(500);
        pit.out(0x43, 1, 0x80);
        assertEquals(1000, readWord(0x42), "gate low: not counting");
        port61.out(0x61, 1, 0x01);
        atTick(900);
        pit.out(0x43, 1, 0x80);
        assertEquals(600, readWord(0x42));
        assertEquals(0, port61.in(0x61, 1) & 0x20);
        atTick(1500);
        assertEquals(0x20, port61.in(0x61, 1) & 0x20, "OUT high after terminal count");
    }

    @Test
    void readBackLatchesStatusThenCount() {
        pit.out(0x43, 1, 0x34);
        pit.out(0x40, 1, 0x00);
        pit.out(0x40, 1, 0x01); // 256
        atTick(6);
        pit.out(0x43, 1, 0xC2); // read-back count and status of channel 0
        assertEquals(0x80 | 0x30 | 0x04, pit.in(0x40, 1));
        assertEquals(250, readWord(0x40));
    }

    @Test
    void lsbOnlyAccessAndBcdCounting() {
        pit.out(0x43, 1, 0x11 | 0x04); // channel 0, LSB only, mode 2, BCD
        pit.out(0x40, 1, 0x50);         // 50 decimal
        atTick(3);
        assertEquals(0x47, pit.in(0x40, 1));
        assertTrue(pit.nextDeadlineNanos() == ClockConversion.nanosOfTick(50, PcLayout.PIT_HZ));
    }

    @Test
    void saveAndRestoreContinueCounting() throws Exception {
        pit.out(0x43, 1, 0x34);
        pit.out(0x40, 1, 0x00);
        pit.out(0x40, 1, 0x02);
        var bytes = new java.io.ByteArrayOutputStream();
        pit.saveState(new java.io.DataOutputStream(bytes));
        I8254 copy = new I8254(() -> nanos, irq0);
        copy.restoreState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        atTick(0x10);
        copy.out(0x43, 1, 0x00);
        assertEquals(0x1F0, copy.in(0x40, 1) | copy.in(0x40, 1) << 8);
        assertEquals(pit.nextDeadlineNanos(), copy.nextDeadlineNanos());
    }

    @Test
    void tickConversionRoundTripsForLongRuns() {
        for (long tick : new long[] {1, 1193, 1_193_182, 123_456_789_012L}) {
            long ns = ClockConversion.nanosOfTick(tick, PcLayout.PIT_HZ);
            assertEquals(tick, ClockConversion.ticksAt(ns, PcLayout.PIT_HZ));
            assertEquals(tick - 1, ClockConversion.ticksAt(ns - 1, PcLayout.PIT_HZ), "rounded up to the first ns");
        }
    }
}
