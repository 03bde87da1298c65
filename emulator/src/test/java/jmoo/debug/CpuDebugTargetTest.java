package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jmoo.cpu.Cpu;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

class CpuDebugTargetTest {
    private final PhysicalMemory memory = new PhysicalMemory(8 << 20);
    private final Cpu cpu = GdbCpuTest.bareCpu(memory);
    private final CpuDebugTarget target = new CpuDebugTarget(cpu, memory);

    @Test
    void registersMapToTheCpuInGdbOrder() {
        cpu.resetToFlatProtectedMode();
        for (int i = 0; i < 8; i++) {
            target.setRegister(I386Register.byNumber(i), 0x1000 + i);
            assertEquals(0x1000 + i, cpu.reg(i));
        }
        assertEquals(Cpu.EBX, I386Register.EBX.ordinal());
        target.setRegister(I386Register.EIP, 0x4321);
        assertEquals(0x4321, cpu.eip());
        assertEquals(0x10, target.register(I386Register.CS));
        assertEquals(0x18, target.register(I386Register.GS));
        target.setRegister(I386Register.DS, 0x18);
        assertThrows(UnsupportedOperationException.class, () -> target.setRegister(I386Register.DS, 0x23));
    }

    @Test
    void debuggerWritesDropDecodedCode() {
        cpu.resetToFlatProtectedMode();
        memory.array()[0x1000] = 0x40;             // inc eax
        memory.array()[0x1001] = (byte) 0xF4;      // hlt
        cpu.setEip(0x1000);
        assertEquals(TargetState.HALTED, target.run(10));
        assertEquals(1, cpu.reg(Cpu.EAX));
        assertEquals(1, target.writeMemory(0x1000, new byte[] {0x48}, 0, 1)); // dec eax
        cpu.setEip(0x1000);
        target.run(10);
        assertEquals(0, cpu.reg(Cpu.EAX), "the patched instruction ran, not the cached one");
    }

    private void map(int pageTable, int linear, int physical) {
        memory.write32(pageTable + ((linear >>> 12) & 0x3FF) * 4, physical | 3);
    }

    @Test
    void linearAddressesGoThroughTheGuestPageTables() {
        cpu.resetToFlatProtectedMode();
        int dir = 0x10000;
        int table = 0x11000;
        memory.write32(dir + (0xC0000000 >>> 22) * 4, table | 3);
        map(table, 0xC0000000, 0x20000);
        map(table, 0xC0001000, 0x35000);            // not contiguous physically
        memory.write32(dir + (0xD0000000 >>> 22) * 4, 0x400000 | 0x83); // 4 MiB page (PS)
        memory.write32(dir, 0x12000 | 3);           // identity-map the first 4 KiB pages
        map(0x12000, 0x1000, 0x1000);
        cpu.setCr(3, dir);
        cpu.setCr(4, 1 << 4);
        cpu.setCr(0, cpu.cr(0) | 1 << 31);
        byte[] data = new byte[0x1010];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        assertEquals(data.length, target.writeMemory(0xC0000ff0, data, 0, data.length));
        assertEquals(data[0], memory.array()[0x20ff0]);
        assertEquals(data[0x10], memory.array()[0x35000], "second page lands at its own frame");
        byte[] back = new byte[data.length];
        assertEquals(data.length, target.readMemory(0xC0000ff0, back, 0, back.length));
        assertArrayEquals(data, back);
        assertEquals(0x2000, target.readMemory(0xC0000000, new byte[0x3000], 0, 0x3000),
                "reads stop at the first unmapped page");
        assertEquals(0, target.writeMemory(0xC0002000, data, 0, 1));
        memory.write32(0x400000 + 0x1234, 0xCAFEF00D);
        byte[] four = new byte[4];
        assertEquals(4, target.readMemory(0xD0001234, four, 0, 4));
        assertEquals(0x0D, four[0] & 0xFF);
        assertEquals(0x400000L + 0x1234, target.physicalAddress(0xD0001234));
        cpu.setCr(4, 0);
        assertEquals(-1, target.physicalAddress(0xD0001234), "without CR4.PSE the PDE names a page table, whose entry is not present");
    }
}
