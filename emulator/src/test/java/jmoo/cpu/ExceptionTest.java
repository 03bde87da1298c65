package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExceptionTest {
    static final int HANDLERS = 0x20000;

    @Test
    void divideByZeroFaultsAtTheInstruction() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("xor %ecx, %ecx\n div %ecx\n hlt");
        m.runToHalt();
        assertEquals(HANDLERS + 1, m.cpu.eip()); // after the handler's HLT
        assertEquals(0, m.cpu.lastExceptionVector());
        assertEquals(TestMachine.CODE + 2, m.mem.read32(m.reg(Cpu.ESP))); // return address = the DIV
        assertEquals(0x10, m.mem.read32(m.reg(Cpu.ESP) + 4));
    }

    @Test
    void undefinedOpcodeIsCountedAndRaisesUd() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("ud2\n hlt");
        m.runToHalt();
        assertEquals(6, m.cpu.lastExceptionVector());
        assertEquals(1, m.cpu.undefinedOpcodes());
        assertEquals(HANDLERS + 16 * 6 + 1, m.cpu.eip());
    }

    @Test
    void softwareInterruptPushesReturnAddress() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("int $0x80\n hlt");
        m.runToHalt();
        assertEquals(HANDLERS + 16 * 0x80 + 1, m.cpu.eip());
        assertEquals(TestMachine.CODE + 2, m.mem.read32(m.reg(Cpu.ESP)));
    }

    @Test
    void noIdtMeansTripleFault() {
        TestMachine m = new TestMachine();
        m.cpu.setIdtr(0, 0);
        m.load("ud2");
        assertEquals(StopReason.TRIPLE_FAULT, m.cpu.run(100));
    }

    @Test
    void hardwareInterruptWakesHlt() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("sti\n hlt\n hlt");
        assertEquals(StopReason.HALTED, m.cpu.run(100));
        assertEquals(TestMachine.CODE + 2, m.cpu.eip());
        m.pendingVector = 0x30;
        assertEquals(StopReason.HALTED, m.cpu.run(100));
        assertEquals(HANDLERS + 16 * 0x30 + 1, m.cpu.eip());
        assertEquals(TestMachine.CODE + 2, m.mem.read32(m.reg(Cpu.ESP)));
    }

    @Test
    void stiShadowDelaysInterruptByOneInstruction() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("sti\n inc %eax\n inc %eax\n hlt");
        m.pendingVector = 0x31;
        m.runToHalt();
        assertEquals(1, m.reg(Cpu.EAX));
        assertEquals(TestMachine.CODE + 2, m.mem.read32(m.reg(Cpu.ESP)));
    }

    @Test
    void selfModifyingCodeIsSeen() {
        TestMachine m = new TestMachine().load(
                "mov $3, %ecx\n 1: call f\n movb $0x43, f\n loop 1b\n hlt\n f: inc %eax\n ret");
        m.runToHalt();
        // first call: inc %eax (0x40); afterwards f is patched to inc %ebx (0x43)
        assertEquals(1, m.reg(Cpu.EAX));
        assertEquals(2, m.reg(Cpu.EBX));
    }

    @Test
    void lockOnRegisterDestinationIsUndefined() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        m.load("lock incl (%esp)\n .byte 0xf0\n add %eax, %ebx\n hlt");
        m.runToHalt();
        assertEquals(6, m.cpu.lastExceptionVector());
        assertEquals(TestMachine.CODE + 4, m.mem.read32(m.reg(Cpu.ESP)));
    }

    @Test
    void spanningWriteIntoMissingPageReportsFirstByteOfThatPage() {
        TestMachine m = new TestMachine();
        m.installIdt(HANDLERS);
        // identity-map the first 4 MiB except page 0x105
        for (int i = 0; i < 1024; i++) {
            m.mem.write32(0x301000 + 4 * i, i == 0x105 ? 0 : (i << 12) | 3);
        }
        m.mem.write32(0x300000, 0x301000 | 3);
        m.cpu.setCr(3, 0x300000);
        m.cpu.setCr(0, m.cpu.cr(0) | 0x80000000);
        m.load("movl $0x11223344, 0x104ffe\n hlt");
        m.runToHalt();
        assertEquals(14, m.cpu.lastExceptionVector());
        assertEquals(2, m.cpu.lastExceptionErrorCode());
        assertEquals(0x105000, m.cpu.cr(2));
        assertEquals(0, m.mem.read16(0x104ffe)); // nothing written on the first page either
    }
}
