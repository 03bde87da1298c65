package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-checked flag results of tricky instructions (values worked out from the Intel SDM). */
class FlagsTest {
    static final int CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    static final int ARITH = CF | PF | AF | ZF | SF | OF;

    private static TestMachine run(String code) {
        return new TestMachine().load(code + "\n hlt").runToHalt();
    }

    private static int arith(TestMachine m) {
        return m.flags() & ARITH;
    }

    @Test
    void addOverflowAndAuxCarry() {
        TestMachine m = run("mov $0x7fffffff, %eax\n add $1, %eax");
        assertEquals(0x80000000, m.reg(Cpu.EAX));
        assertEquals(SF | OF | AF | PF, arith(m)); // 0x...00: even parity; carry out of bit 3
    }

    @Test
    void subBorrow() {
        TestMachine m = run("mov $0, %al\n sub $1, %al");
        assertEquals(0xFF, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | SF | AF | PF, arith(m));
    }

    @Test
    void adcWithCarryInWraps() {
        TestMachine m = run("stc\n mov $0xffffffff, %eax\n mov $0, %ebx\n adc %eax, %ebx");
        assertEquals(0, m.reg(Cpu.EBX));
        assertEquals(CF | ZF | AF | PF, arith(m));
    }

    @Test
    void sbbWithBorrowIn() {
        TestMachine m = run("stc\n mov $5, %eax\n sbb $5, %eax");
        assertEquals(-1, m.reg(Cpu.EAX));
        assertEquals(CF | SF | AF | PF, arith(m));
    }

    @Test
    void incKeepsCarry() {
        TestMachine m = run("stc\n mov $0x7f, %al\n inc %al");
        assertEquals(0x80, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | SF | OF | AF, arith(m)); // 0x80 has odd parity
    }

    @Test
    void decFromZero() {
        TestMachine m = run("clc\n xor %ecx, %ecx\n dec %cx");
        assertEquals(0xFFFF, m.reg(Cpu.ECX));
        assertEquals(SF | AF | PF, arith(m));
    }

    @Test
    void negOfZeroClearsCarry() {
        TestMachine m = run("stc\n xor %eax, %eax\n neg %eax");
        assertEquals(ZF | PF, arith(m));
    }

    @Test
    void shlByOneOverflow() {
        TestMachine m = run("mov $0x40, %al\n shl $1, %al");
        assertEquals(0x80, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(SF | OF, arith(m) & ~AF);
    }

    @Test
    void shrByOneSetsOfFromOldSign() {
        TestMachine m = run("mov $0x81, %al\n shr $1, %al");
        assertEquals(0x40, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | OF, arith(m) & ~AF);
    }

    @Test
    void sarByLargeCountFillsSign() {
        TestMachine m = run("mov $0x80, %bl\n mov $9, %cl\n sar %cl, %bl");
        assertEquals(0xFF, m.reg(Cpu.EBX) & 0xFF);
        assertEquals(CF | SF | PF, arith(m) & ~AF);
    }

    @Test
    void rclThroughCarry() {
        // CF=1, AL=0x80: RCL 1 -> AL=0x01, CF=1, OF = MSB(result) ^ CF = 0 ^ 1 = 1
        TestMachine m = run("stc\n mov $0x80, %al\n rcl $1, %al");
        assertEquals(0x01, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | OF, m.flags() & (CF | OF));
    }

    @Test
    void rcrNineIsIdentityFor8Bit() {
        TestMachine m = run("clc\n mov $0x5a, %al\n mov $9, %cl\n rcr %cl, %al");
        assertEquals(0x5a, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(0, m.flags() & CF);
    }

    @Test
    void rcr16ByThree() {
        // CF=1, AX=0x0001: 17-bit value CF:AX = 1_0000000000000001; rcr 3 ->
        // bits rotate right through carry: AX = 0x4000 | 0x2000 ... computed: result 0x6000, CF=0
        TestMachine m = run("stc\n mov $1, %ax\n rcr $3, %ax");
        assertEquals(0x6000, m.reg(Cpu.EAX) & 0xFFFF);
        assertEquals(0, m.flags() & CF);
    }

    @Test
    void rolSetsCarryFromLsb() {
        TestMachine m = run("mov $0x80000001, %eax\n rol $1, %eax");
        assertEquals(3, m.reg(Cpu.EAX));
        assertEquals(CF | OF, m.flags() & (CF | OF));
    }

    @Test
    void shldAndShrd() {
        TestMachine m = run("mov $0x80000000, %eax\n mov $0xF0000000, %edx\n shld $4, %edx, %eax\n"
                + "mov $0x0000000F, %ebx\n mov $1, %esi\n shrd $1, %esi, %ebx");
        assertEquals(0x0000000F, m.reg(Cpu.EAX)); // 0x80000000<<4 | 0xF
        assertEquals(0x80000007, m.reg(Cpu.EBX));
        assertEquals(CF | SF | OF, m.flags() & (CF | SF | OF | ZF)); // shrd: CF=bit0 of 0xF; sign change
    }

    @Test
    void mulAndImulOverflowFlags() {
        TestMachine m = run("mov $0x10000, %eax\n mov $0x10000, %ecx\n mul %ecx\n pushf\n"
                + "mov $-2, %eax\n mov $3, %ebx\n imul %ebx\n pop %esi");
        assertEquals(CF | OF, m.reg(Cpu.ESI) & (CF | OF));
        assertEquals(-6, m.reg(Cpu.EAX));
        assertEquals(-1, m.reg(Cpu.EDX));
        assertEquals(0, m.flags() & (CF | OF));
    }

    @Test
    void divideStoresQuotientAndRemainder() {
        TestMachine m = run("mov $0, %edx\n mov $100, %eax\n mov $7, %ecx\n div %ecx\n"
                + "mov $-100, %ebx\n xchg %eax, %ebx\n cdq\n idiv %ecx");
        assertEquals(-14, m.reg(Cpu.EAX));
        assertEquals(-2, m.reg(Cpu.EDX));
        assertEquals(14, m.reg(Cpu.EBX));
    }

    @Test
    void daaAfterAdd() {
        // 0x79 + 0x35 = 0xAE -> DAA -> 0x14, CF=1 (79 + 35 = 114)
        TestMachine m = run("mov $0x79, %al\n add $0x35, %al\n daa");
        assertEquals(0x14, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | AF, m.flags() & (CF | AF));
    }

    @Test
    void dasAfterSub() {
        // 0x35 - 0x47 = 0xEE -> DAS -> 0x88, CF=1 (35 - 47 = -12 -> 88 borrow)
        TestMachine m = run("mov $0x35, %al\n sub $0x47, %al\n das");
        assertEquals(0x88, m.reg(Cpu.EAX) & 0xFF);
        assertEquals(CF | AF, m.flags() & (CF | AF));
    }

    @Test
    void aaaAndAam() {
        TestMachine m = run("mov $0x0009, %ax\n add $8, %al\n aaa\n mov %eax, %ebx\n mov $77, %al\n aam");
        assertEquals(0x0107, m.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x0707, m.reg(Cpu.EAX) & 0xFFFF);
    }

    @Test
    void aasBorrowsFromAhWhenAlIsBelowSix() {
        // AX=0x1200 with AF=1: AX-6 = 0x11FA, AH-1 -> 0x10FA, AL&0xF -> 0x100A (SDM pseudo-code)
        TestMachine m = run("mov $0x1200, %ax\n mov $0x0f, %bl\n add $0x01, %bl\n aas");
        assertEquals(0x100A, m.reg(Cpu.EAX) & 0xFFFF);
        assertEquals(CF | AF, m.flags() & (CF | AF));
    }

    @Test
    void bitScanAndTest() {
        TestMachine m = run("mov $0x00F0, %eax\n bsf %eax, %ebx\n bsr %eax, %ecx\n bts $31, %eax\n"
                + "mov $5, %edx\n bt $4, %eax");
        assertEquals(4, m.reg(Cpu.EBX));
        assertEquals(7, m.reg(Cpu.ECX));
        assertEquals(0x800000F0, m.reg(Cpu.EAX));
        assertEquals(CF, m.flags() & CF);
    }

    @Test
    void bsfOfZeroSetsZfAndKeepsDestination() {
        TestMachine m = run("mov $123, %ebx\n xor %eax, %eax\n bsf %eax, %ebx");
        assertEquals(123, m.reg(Cpu.EBX));
        assertEquals(ZF, m.flags() & ZF);
    }

    @Test
    void cmpxchgAndXadd() {
        TestMachine m = run("movl $5, 0x2000\n mov $5, %eax\n mov $9, %ecx\n lock cmpxchg %ecx, 0x2000\n"
                + "mov 0x2000, %ebx\n mov $1, %edx\n xadd %edx, 0x2000\n mov 0x2000, %esi");
        assertEquals(9, m.reg(Cpu.EBX));
        assertEquals(9, m.reg(Cpu.EDX));
        assertEquals(10, m.reg(Cpu.ESI));
    }

    @Test
    void conditionalMovesAndSets() {
        TestMachine m = run("mov $1, %eax\n cmp $2, %eax\n setl %bl\n setb %bh\n seta %cl\n"
                + "mov $42, %edx\n cmovl %edx, %esi\n cmovg %edx, %edi");
        assertEquals(0x0101, m.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0, m.reg(Cpu.ECX) & 0xFF);
        assertEquals(42, m.reg(Cpu.ESI));
        assertEquals(0, m.reg(Cpu.EDI));
    }

    @Test
    void signedCompareAcrossSizes() {
        TestMachine m = run("mov $0x80, %al\n cmp $1, %al\n setl %bl\n setg %bh");
        assertEquals(0x0001, m.reg(Cpu.EBX) & 0xFFFF);
    }

    @Test
    void stringCopyBothDirections() {
        TestMachine m = run("mov $0x3000, %esi\n movl $0x04030201, (%esi)\n mov $0x3100, %edi\n mov $4, %ecx\n"
                + "cld\n rep movsb\n std\n mov $0x3103, %esi\n mov $0x3203, %edi\n mov $4, %ecx\n rep movsb\n cld\n"
                + "mov 0x3200, %eax\n mov $0x3200, %edi\n mov $3, %al\n mov $4, %ecx\n repne scasb");
        assertEquals(0x04030203, m.reg(Cpu.EAX) & 0xFFFFFF00 | 3);
        assertEquals(0x3203, m.reg(Cpu.EDI));
        assertEquals(1, m.reg(Cpu.ECX));
        assertEquals(0x04030201, m.mem.read32(0x3200));
    }

    @Test
    void cpuidReportsFamily4WithCmovOnly() {
        TestMachine m = run("mov $1, %eax\n cpuid");
        assertEquals(4, (m.reg(Cpu.EAX) >>> 8) & 0xF);
        assertEquals(1 << 15, m.reg(Cpu.EDX));
    }

    @Test
    void sixteenBitAddressingInside32BitCode() {
        TestMachine m = run("mov $0x12345000, %ebx\n mov $0x10, %esi\n movl $0xCAFE, 0x5010\n addr16 mov (%bx,%si), %eax");
        assertEquals(0xCAFE, m.reg(Cpu.EAX));
    }

    @Test
    void pushaPopaAndEnterLeave() {
        TestMachine m = run("mov $1, %eax\n mov $2, %ecx\n pusha\n xor %eax, %eax\n xor %ecx, %ecx\n popa\n"
                + "mov %esp, %esi\n enter $8, $0\n mov %esp, %edi\n leave");
        assertEquals(1, m.reg(Cpu.EAX));
        assertEquals(2, m.reg(Cpu.ECX));
        assertEquals(m.reg(Cpu.ESI) - 12, m.reg(Cpu.EDI));
        assertEquals(m.reg(Cpu.ESI), m.reg(Cpu.ESP));
    }
}
