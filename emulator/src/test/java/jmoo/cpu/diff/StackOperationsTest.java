package jmoo.cpu.diff;

import static jmoo.cpu.diff.EmulatorX86.STACK_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmoo.cpu.Cpu;
import org.junit.jupiter.api.Test;

/**
 * Stack instructions with a 32-bit stack (the host runs them with a 64-bit one, so they are
 * checked against the manual): PUSHA/POPA, PUSH/POP forms and their ESP corner cases, segment
 * registers, PUSHF/POPF, ENTER/LEAVE with nesting levels.
 */
class StackOperationsTest {
    private static GuestMachine run(GuestMachine m) {
        m.runToEnd();
        assertTrue(m.completed(), "did not complete, exception " + m.exceptionVector());
        return m;
    }

    private static GuestMachine withRegisters(int... codeBytes) {
        GuestMachine m = new GuestMachine().code(codeBytes);
        int[] values = {0x11111111, 0x22222222, 0x33333333, 0x44444444, STACK_TOP, 0x66666666, 0x77777777,
            0x88888888};
        for (int r = 0; r < 8; r++) {
            m.reg(r, values[r]);
        }
        return m;
    }

    @Test
    void pushadStoresAllRegistersWithTheOriginalEsp() {
        GuestMachine m = run(withRegisters(0x60));
        assertEquals(STACK_TOP - 32, m.reg(Cpu.ESP));
        int[] expectFromTop = {0x88888888, 0x77777777, 0x66666666, STACK_TOP, 0x44444444, 0x33333333, 0x22222222,
            0x11111111};
        for (int i = 0; i < 8; i++) {
            assertEquals(expectFromTop[i], m.stack(4 * i), "slot " + i);
        }
    }

    @Test
    void popadLoadsAllRegistersButSkipsTheStoredEsp() {
        GuestMachine m = withRegisters(0x61);
        int base = STACK_TOP - 32;
        m.reg(Cpu.ESP, base);
        for (int i = 0; i < 8; i++) {
            m.memory.write32(base + 4 * i, 0xA0A0A0A0 + i);
        }
        run(m);
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
        int[] expect = {0xA0A0A0A7, 0xA0A0A0A6, 0xA0A0A0A5, 0xA0A0A0A4, STACK_TOP, 0xA0A0A0A2, 0xA0A0A0A1,
            0xA0A0A0A0};
        for (int r = 0; r < 8; r++) {
            assertEquals(expect[r], m.reg(r), Registers.NAMES32[r]);
        }
    }

    @Test
    void sixteenBitPushaAndPopaMoveWordsAndKeepUpperHalves() {
        GuestMachine m = run(withRegisters(0x66, 0x60));
        assertEquals(STACK_TOP - 16, m.reg(Cpu.ESP));
        assertEquals(0x8888, m.memory.read16(STACK_TOP - 16));
        assertEquals(STACK_TOP & 0xFFFF, m.memory.read16(STACK_TOP - 16 + 6), "original SP");
        assertEquals(0x1111, m.memory.read16(STACK_TOP - 2));
        GuestMachine p = withRegisters(0x66, 0x61);
        p.reg(Cpu.ESP, STACK_TOP - 16);
        for (int i = 0; i < 8; i++) {
            p.memory.write16(STACK_TOP - 16 + 2 * i, 0xB000 + i);
        }
        run(p);
        assertEquals(STACK_TOP, p.reg(Cpu.ESP));
        assertEquals(0x1111B007, p.reg(Cpu.EAX));
        assertEquals(0x8888B000, p.reg(Cpu.EDI));
    }

    @Test
    void pushImmediateFormsSignExtendAndHonourOperandSize() {
        GuestMachine m = run(new GuestMachine().code(0x6A, 0xFF, 0x68, 0x78, 0x56, 0x34, 0x12, 0x66, 0x6A, 0x80));
        assertEquals(STACK_TOP - 10, m.reg(Cpu.ESP));
        assertEquals(0xFF80, m.memory.read16(STACK_TOP - 10), "push imm8 with o16 pushes a sign-extended word");
        assertEquals(0x12345678, m.memory.read32(STACK_TOP - 8));
        assertEquals(0xFFFFFFFF, m.memory.read32(STACK_TOP - 4));
    }

    @Test
    void pushEspPushesTheValueBeforeTheDecrement() {
        GuestMachine m = run(new GuestMachine().code(0x54));
        assertEquals(STACK_TOP, m.stack(0));
    }

    @Test
    void popEspLoadsTheStackPointerFromTheStack() {
        GuestMachine m = new GuestMachine().code(0x5C);
        m.reg(Cpu.ESP, STACK_TOP - 4);
        m.memory.write32(STACK_TOP - 4, 0x6000);
        assertEquals(0x6000, run(m).reg(Cpu.ESP));
    }

    @Test
    void popToMemoryAddressedByEspUsesTheIncrementedEsp() {
        GuestMachine m = new GuestMachine().code(0x8F, 0x44, 0x24, 0x04); // pop dword [esp+4]
        m.reg(Cpu.ESP, STACK_TOP - 8);
        m.memory.write32(STACK_TOP - 8, 0xCAFEBABE);
        run(m);
        assertEquals(STACK_TOP - 4, m.reg(Cpu.ESP));
        assertEquals(0xCAFEBABE, m.memory.read32(STACK_TOP), "address = ESP after the pop + 4");
    }

    @Test
    void pushFromMemoryAddressedByEspUsesTheOriginalEsp() {
        GuestMachine m = new GuestMachine().code(0xFF, 0x74, 0x24, 0x04); // push dword [esp+4]
        m.reg(Cpu.ESP, STACK_TOP - 8);
        m.memory.write32(STACK_TOP - 4, 0x0BADF00D);
        run(m);
        assertEquals(STACK_TOP - 12, m.reg(Cpu.ESP));
        assertEquals(0x0BADF00D, m.stack(0));
    }

    @Test
    void segmentRegistersPushAsSelectorsAndPopBack() {
        GuestMachine m = run(new GuestMachine().code(0x1E, 0x0F, 0xA1)); // push ds; pop fs
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
        assertEquals(0x18, m.memory.read16(STACK_TOP - 4));
        assertEquals(0x18, m.cpu.segSelector(Cpu.FS));
        GuestMachine w = run(new GuestMachine().code(0x66, 0x06)); // push es with o16
        assertEquals(STACK_TOP - 2, w.reg(Cpu.ESP));
        assertEquals(0x18, w.memory.read16(STACK_TOP - 2));
    }

    @Test
    void pushfAndPopfCarryTheArithmeticFlags() {
        GuestMachine m = new GuestMachine().code(0x9C, 0x9D); // pushfd; popfd
        m.flags(Flags.CF | Flags.ZF | Flags.OF | Flags.DF);
        run(m);
        assertEquals(Flags.CF | Flags.ZF | Flags.OF | Flags.DF | 2,
                m.memory.read32(STACK_TOP - 4) & (Flags.TESTED | 2));
        GuestMachine p = new GuestMachine().code(0x9D);
        p.reg(Cpu.ESP, STACK_TOP - 4);
        p.memory.write32(STACK_TOP - 4, Flags.SF | Flags.AF | Flags.PF);
        run(p);
        assertEquals(Flags.SF | Flags.AF | Flags.PF, p.cpu.eflags() & Flags.TESTED);
    }

    @Test
    void enterBuildsFramesAtNestingLevelsZeroOneAndTwo() {
        GuestMachine flat = new GuestMachine().code(0xC8, 0x10, 0x00, 0x00); // enter 16, 0
        flat.reg(Cpu.EBP, 0x6800);
        run(flat);
        assertEquals(STACK_TOP - 4, flat.reg(Cpu.EBP));
        assertEquals(STACK_TOP - 4 - 16, flat.reg(Cpu.ESP));
        assertEquals(0x6800, flat.memory.read32(STACK_TOP - 4));

        GuestMachine one = new GuestMachine().code(0xC8, 0x08, 0x00, 0x01); // enter 8, 1
        one.reg(Cpu.EBP, 0x6800);
        run(one);
        assertEquals(STACK_TOP - 4, one.reg(Cpu.EBP));
        assertEquals(0x6800, one.memory.read32(STACK_TOP - 4));
        assertEquals(STACK_TOP - 4, one.memory.read32(STACK_TOP - 8), "level 1 pushes the new frame pointer");
        assertEquals(STACK_TOP - 16, one.reg(Cpu.ESP));

        GuestMachine two = new GuestMachine().code(0xC8, 0x00, 0x00, 0x02); // enter 0, 2
        two.reg(Cpu.EBP, 0x6800);
        two.memory.write32(0x6800 - 4, 0xCAFE);
        run(two);
        assertEquals(0x6800, two.memory.read32(STACK_TOP - 4));
        assertEquals(0xCAFE, two.memory.read32(STACK_TOP - 8), "display copied from the caller's frame");
        assertEquals(STACK_TOP - 4, two.memory.read32(STACK_TOP - 12));
        assertEquals(STACK_TOP - 4, two.reg(Cpu.EBP));
        assertEquals(STACK_TOP - 12, two.reg(Cpu.ESP));
    }

    @Test
    void leaveRestoresStackAndFramePointers() {
        GuestMachine m = new GuestMachine().code(0xC9);
        m.reg(Cpu.EBP, STACK_TOP - 8);
        m.reg(Cpu.ESP, STACK_TOP - 40);
        m.memory.write32(STACK_TOP - 8, 0x6543);
        run(m);
        assertEquals(0x6543, m.reg(Cpu.EBP));
        assertEquals(STACK_TOP - 4, m.reg(Cpu.ESP));
    }
    @Test
    void nearCallPushesTheReturnAddressAndRetPopsIt() {
        // call +6; jmp +5 (to the end); ...; mov eax, 0x77; ret
        GuestMachine m = new GuestMachine().code(0xE8, 0x02, 0x00, 0x00, 0x00, 0xEB, 0x06, 0xB8, 0x77, 0x00, 0x00,
                0x00, 0xC3);
        m.reg(Cpu.EAX, 0);
        run(m);
        assertEquals(0x77, m.reg(Cpu.EAX));
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
        assertEquals(EmulatorX86.CODE + 5, m.memory.read32(STACK_TOP - 4), "pushed return address");
    }

    @Test
    void retWithImmediateReleasesParametersAndIndirectCallsReadTheirTarget() {
        int target = EmulatorX86.CODE + 0x100;
        GuestMachine m = new GuestMachine().code(0x6A, 0x05, 0xFF, 0xD3); // push 5; call ebx
        m.codeAt(target, 0xC2, 0x04, 0x00); // ret 4
        m.reg(Cpu.EBX, target);
        run(m);
        assertEquals(STACK_TOP, m.reg(Cpu.ESP), "ret 4 dropped the pushed parameter");

        GuestMachine viaMemory = new GuestMachine().code(0xFF, 0x13); // call [ebx]
        viaMemory.codeAt(target, 0xC3);
        viaMemory.memory.write32(0x5000, target);
        viaMemory.reg(Cpu.EBX, 0x5000);
        run(viaMemory);
        assertEquals(STACK_TOP, viaMemory.reg(Cpu.ESP));
        assertEquals(EmulatorX86.CODE + 2, viaMemory.memory.read32(STACK_TOP - 4));
    }
}
