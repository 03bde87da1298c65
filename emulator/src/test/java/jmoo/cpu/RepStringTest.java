package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** REP MOVS/STOS over page boundaries and overlapping ranges (bulk and element paths agree). */
class RepStringTest {
    @Test
    void overlappingForwardCopyReplicatesThePattern() {
        // rep movsb from 0x5000 to 0x5001: each byte copies the previous one -> all 0xAB
        TestMachine m = new TestMachine().load("movb $0xAB, 0x5000\n mov $0x5000, %esi\n mov $0x5001, %edi\n"
                + "mov $9000, %ecx\n cld\n rep movsb\n hlt");
        m.runToHalt();
        for (int a = 0x5000; a <= 0x5000 + 9000; a++) {
            assertEquals(0xAB, m.mem.read8(a), "byte at " + Integer.toHexString(a));
        }
        assertEquals(0x5000 + 9000, m.reg(Cpu.ESI));
        assertEquals(0, m.reg(Cpu.ECX));
    }

    @Test
    void stosAcrossPagesWithUnalignedStart() {
        TestMachine m = new TestMachine().load("mov $0x12345678, %eax\n mov $0x6ffe, %edi\n mov $3000, %ecx\n"
                + "cld\n rep stosl\n hlt");
        m.runToHalt();
        for (int k = 0; k < 3000; k++) {
            assertEquals(0x12345678, m.mem.read32(0x6ffe + 4 * k));
        }
        assertEquals(0, m.mem.read32(0x6ffe + 4 * 3000));
        assertEquals(0x6ffe + 12000, m.reg(Cpu.EDI));
    }

    @Test
    void movsdCopiesAcrossPagesAndKeepsSource() {
        TestMachine m = new TestMachine();
        for (int k = 0; k < 5000; k++) {
            m.mem.write32(0x20001 + 4 * k, k * 0x01010101 ^ 0x5A5A5A5A);
        }
        m.load("mov $0x20001, %esi\n mov $0x40003, %edi\n mov $5000, %ecx\n cld\n rep movsl\n hlt");
        m.runToHalt();
        for (int k = 0; k < 5000; k++) {
            assertEquals(k * 0x01010101 ^ 0x5A5A5A5A, m.mem.read32(0x40003 + 4 * k));
        }
        assertEquals(0x20001 + 20000, m.reg(Cpu.ESI));
    }

    @Test
    void copyOverCodeIsSeenByLaterExecution() {
        // copy "inc %ebx" (0x43) bytes over a NOP slide that runs afterwards
        TestMachine m = new TestMachine().load("jmp 1f\n slide: .fill 16, 1, 0x90\n ret\n"
                + "1: call slide\n movb $0x43, 0x7000\n mov $0x7000, %esi\n mov $slide, %edi\n mov $16, %ecx\n"
                + "mov $0, %ebx\n movb $0x43, 0x7001\n movl $0x43434343, 0x7000\n movl $0x43434343, 0x7004\n"
                + "movl $0x43434343, 0x7008\n movl $0x43434343, 0x700c\n cld\n rep movsb\n call slide\n hlt");
        m.runToHalt();
        assertEquals(16, m.reg(Cpu.EBX));
    }
}
