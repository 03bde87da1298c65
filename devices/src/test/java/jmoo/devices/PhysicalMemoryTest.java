package jmoo.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void unmappedPortsReadAllOnesAndAreCounted() {
        IoBus bus = new IoBus();
        assertEquals(0xFF, bus.in(0x1234, 1));
        assertEquals(0xFFFFFFFF, bus.in(0x1234, 4));
        bus.out(0x80, 1, 0);
        assertEquals(3, bus.unmappedAccesses());
    }
}
