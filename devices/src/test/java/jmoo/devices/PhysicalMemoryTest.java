package jmoo.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    @Test
    void littleEndianViewsAndAllOnesBeyondRam() {
        PhysicalMemory m = new PhysicalMemory(4096);
        m.write32(0x10, 0x11223344);
        assertEquals(0x44, m.read8(0x10));
        assertEquals(0x3344, m.read16(0x10));
        assertEquals(0x11223344, m.read32(0x10));
        m.write32(4094, 0xAABBCCDD); // straddles the end: the low half lands, the rest is dropped
        assertEquals(0xCCDD, m.read16(4094));
        assertEquals(0xFFFFCCDD, m.read32(4094));
        assertEquals(0xFF, m.read8(-1));
    }

    @Test
    void containsAcceptsExactlyTheRangesInsideRam() {
        PhysicalMemory m = new PhysicalMemory(4096);
        assertTrue(m.contains(0, 0));
        assertTrue(m.contains(0, 4096));
        assertFalse(m.contains(0, 4097));
        assertTrue(m.contains(4095, 1));
        assertFalse(m.contains(4095, 2));
        assertTrue(m.contains(4096, 0), "an empty range at the end is inside");
        assertFalse(m.contains(4096, 1));
        assertFalse(m.contains(4097, 0));
        assertFalse(m.contains(-1, 0));
        assertFalse(m.contains(-1, 1));
        assertFalse(m.contains(0, -1));
        assertFalse(m.contains(Long.MIN_VALUE, 1));
    }

    @Test
    void containsDoesNotWrapNearTwoToTheSixtyThird() {
        PhysicalMemory m = new PhysicalMemory(4096);
        assertFalse(m.contains(Long.MAX_VALUE, 0));
        assertFalse(m.contains(Long.MAX_VALUE, 1), "MAX_VALUE + 1 wraps negative");
        assertFalse(m.contains(Long.MAX_VALUE - 10, 100));
        assertFalse(m.contains(Long.MAX_VALUE, Long.MAX_VALUE));
        assertFalse(m.contains(1, Long.MAX_VALUE), "1 + MAX_VALUE wraps negative");
        assertFalse(m.contains(4095, Long.MAX_VALUE));
        assertFalse(m.contains(0, Long.MAX_VALUE));
        assertFalse(m.contains(2048, Long.MIN_VALUE));
    }

    @Test
    void unmappedPortsReadAllOnesAndAreCounted() {
        IoBus bus = new IoBus();
        assertEquals(0xFF, bus.in(0x1234, 1));
        assertEquals(0xFFFFFFFF, bus.in(0x1234, 4));
        bus.out(0x80, 1, 0);
        assertEquals(3, bus.unmappedAccesses());
    }
}
