package jmoo.cpu.diff;

import static jmoo.cpu.diff.EmulatorX86.CODE;
import static jmoo.cpu.diff.EmulatorX86.OTHER_CODE_BASE;
import static jmoo.cpu.diff.EmulatorX86.OTHER_CODE_SELECTOR;
import static jmoo.cpu.diff.EmulatorX86.STACK_TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import org.junit.jupiter.api.Test;

/**
 * Transfers the host cannot run in 64-bit mode, against the manual: far CALL/JMP/RET (direct and
 * through memory) to a code segment with a non-zero base, IRET at the same privilege, BOUND and
 * INTO with their exceptions (BOUND a fault, INTO a trap), JCXZ/LOOP with a 16-bit address size.
 */
class ControlTransferTest {
    private static final int TARGET = 0x100;

    private static int[] farPointer(int opcode, int offset, int selector) {
        return new int[] {opcode, offset & 0xFF, offset >>> 8 & 0xFF, offset >>> 16 & 0xFF, offset >>> 24,
            selector & 0xFF, selector >>> 8};
    }

    private static void completes(GuestMachine m) {
        m.runToEnd();
        assertTrue(m.completed(), "did not complete: EIP " + Integer.toHexString(m.cpu.eip()) + " exception "
                + m.exceptionVector());
    }

    @Test
    void farCallEntersTheOtherSegmentAndFarReturnComesBack() {
        GuestMachine m = new GuestMachine().code(farPointer(0x9A, TARGET, OTHER_CODE_SELECTOR));
        m.codeAt(OTHER_CODE_BASE + TARGET, 0x8C, 0xC8, 0xCB); // mov eax, cs; retf
        completes(m);
        assertEquals(OTHER_CODE_SELECTOR, m.reg(Cpu.EAX) & 0xFFFF, "CS inside the far procedure");
        assertEquals(EmulatorX86.CODE_SELECTOR, m.cpu.segSelector(Cpu.CS));
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
        assertEquals(CODE + 7, m.memory.read32(STACK_TOP - 8), "pushed return EIP");
        assertEquals(EmulatorX86.CODE_SELECTOR, m.memory.read16(STACK_TOP - 4), "pushed CS");
    }

    @Test
    void farReturnWithImmediateReleasesParameters() {
        int[] call = farPointer(0x9A, TARGET, OTHER_CODE_SELECTOR);
        int[] code = new int[4 + call.length];
        code[0] = 0x6A;
        code[1] = 0x01;
        code[2] = 0x6A;
        code[3] = 0x02; // push 1; push 2
        System.arraycopy(call, 0, code, 4, call.length);
        GuestMachine m = new GuestMachine().code(code);
        m.codeAt(OTHER_CODE_BASE + TARGET, 0xCA, 0x08, 0x00); // retf 8
        completes(m);
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
    }

    @Test
    void farJumpLoadsCsWithTheNewBase() {
        GuestMachine m = new GuestMachine().code(farPointer(0xEA, TARGET, OTHER_CODE_SELECTOR));
        m.codeAt(OTHER_CODE_BASE + TARGET); // just a HLT
        assertEquals(StopReason.HALTED, m.runToHalt(10));
        assertEquals(OTHER_CODE_SELECTOR, m.cpu.segSelector(Cpu.CS));
        assertEquals(OTHER_CODE_BASE, m.cpu.segBase(Cpu.CS));
        assertEquals(TARGET + 1, m.cpu.eip());
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
    }

    @Test
    void indirectFarCallAndJumpReadOffsetAndSelectorFromMemory() {
        int pointer = 0x5000;
        GuestMachine call = new GuestMachine().code(0xFF, 0x1D, 0x00, 0x50, 0x00, 0x00); // call far [0x5000]
        call.memory.write32(pointer, TARGET);
        call.memory.write16(pointer + 4, OTHER_CODE_SELECTOR);
        call.codeAt(OTHER_CODE_BASE + TARGET, 0xB8, 0x77, 0, 0, 0, 0xCB); // mov eax, 0x77; retf
        completes(call);
        assertEquals(0x77, call.reg(Cpu.EAX));
        assertEquals(EmulatorX86.CODE_SELECTOR, call.cpu.segSelector(Cpu.CS));

        GuestMachine jump = new GuestMachine().code(0xFF, 0x2D, 0x00, 0x50, 0x00, 0x00); // jmp far [0x5000]
        jump.memory.write32(pointer, TARGET);
        jump.memory.write16(pointer + 4, OTHER_CODE_SELECTOR);
        jump.codeAt(OTHER_CODE_BASE + TARGET);
        assertEquals(StopReason.HALTED, jump.runToHalt(10));
        assertEquals(OTHER_CODE_SELECTOR, jump.cpu.segSelector(Cpu.CS));
        assertEquals(TARGET + 1, jump.cpu.eip());
    }

    @Test
    void iretAtTheSamePrivilegePopsEipCsAndFlags() {
        int end = CODE + 13;
        GuestMachine m = new GuestMachine().code(
                0x68, 0x83, 0x08, 0x00, 0x00,                         // push 0x883 (OF SF CF + bit 1)
                0x6A, 0x10,                                            // push 0x10
                0x68, end & 0xFF, end >>> 8 & 0xFF, 0x00, 0x00,        // push end
                0xCF);                                                 // iret
        completes(m);
        assertEquals(STACK_TOP, m.reg(Cpu.ESP));
        assertEquals(Flags.OF | Flags.SF | Flags.CF, m.cpu.eflags() & Flags.TESTED);
    }

    @Test
    void boundPassesInsideTheSignedRangeAndFaultsOutside() {
        int bounds = 0x5000;
        int[][] cases = {{-5, 0}, {10, 0}, {0, 0}, {-6, 1}, {11, 1}, {0x80000000, 1}, {0x7FFFFFFF, 1}};
        for (int[] c : cases) {
            GuestMachine m = new GuestMachine().code(0x62, 0x03); // bound eax, [ebx]
            m.memory.write32(bounds, -5);
            m.memory.write32(bounds + 4, 10);
            m.reg(Cpu.EAX, c[0]).reg(Cpu.EBX, bounds);
            m.runToEnd();
            if (c[1] == 0) {
                assertTrue(m.completed(), "index " + c[0] + " is inside [-5, 10]");
            } else {
                assertEquals(5, m.exceptionVector(), "index " + c[0] + " is outside [-5, 10]: #BR");
                assertEquals(CODE, m.stack(0), "#BR is a fault: the pushed EIP is the BOUND");
            }
        }
    }

    @Test
    void sixteenBitBoundComparesSignedWords() {
        GuestMachine m = new GuestMachine().code(0x66, 0x62, 0x03); // bound ax, [ebx]
        m.memory.write16(0x5000, 0xFFF0); // -16
        m.memory.write16(0x5002, 0x0010);
        m.reg(Cpu.EAX, 0x1234FFF0).reg(Cpu.EBX, 0x5000);
        m.runToEnd();
        assertTrue(m.completed(), "AX = -16 is the lower bound");
        GuestMachine out = new GuestMachine().code(0x66, 0x62, 0x03);
        out.memory.write16(0x5000, 0xFFF0);
        out.memory.write16(0x5002, 0x0010);
        out.reg(Cpu.EAX, 0x00000011).reg(Cpu.EBX, 0x5000);
        out.runToEnd();
        assertEquals(5, out.exceptionVector());
    }

    @Test
    void intoTrapsOnlyWhenOverflowIsSet() {
        GuestMachine clear = new GuestMachine().code(0xCE);
        clear.flags(Flags.CF | Flags.SF);
        completes(clear);
        GuestMachine set = new GuestMachine().code(0xCE);
        set.flags(Flags.OF);
        set.runToEnd();
        assertEquals(4, set.exceptionVector());
        assertEquals(CODE + 1, set.stack(0), "#OF from INTO is a trap: the pushed EIP is the next instruction");
    }

    @Test
    void jcxzAndLoopWithAddressSizePrefixUseCx() {
        int[] jcxz = {0x67, 0xE3, 0x05, 0xB8, 0x99, 0x00, 0x00, 0x00}; // jcxz +5; mov eax, 0x99
        GuestMachine taken = new GuestMachine().code(jcxz);
        taken.reg(Cpu.ECX, 0x00010000).reg(Cpu.EAX, 0);
        completes(taken);
        assertEquals(0, taken.reg(Cpu.EAX), "CX = 0 although ECX is not");

        int[] loop = {0x67, 0xE2, 0x05, 0xB8, 0x99, 0x00, 0x00, 0x00}; // loop (CX) +5
        GuestMachine m = new GuestMachine().code(loop);
        m.reg(Cpu.ECX, 0x00010000).reg(Cpu.EAX, 0);
        completes(m);
        assertEquals(0x0001FFFF, m.reg(Cpu.ECX), "only CX is decremented");
        assertEquals(0, m.reg(Cpu.EAX), "CX = FFFF after the decrement: taken");

        GuestMachine once = new GuestMachine().code(loop);
        once.reg(Cpu.ECX, 0x12340001).reg(Cpu.EAX, 0);
        completes(once);
        assertEquals(0x12340000, once.reg(Cpu.ECX));
        assertEquals(0x99, once.reg(Cpu.EAX), "CX reached 0: falls through");
    }
    @Test
    void backwardBranchesSignExtendTheirDisplacements() {
        GuestMachine loop = new GuestMachine().code(
                0xEB, 0x05,                         // jmp +5 (to the LOOP)
                0xB8, 0x66, 0x00, 0x00, 0x00,       // mov eax, 0x66: reached only backwards
                0xE2, 0xF9);                        // loop -7
        loop.reg(Cpu.ECX, 2).reg(Cpu.EAX, 0);
        completes(loop);
        assertEquals(0x66, loop.reg(Cpu.EAX));
        assertEquals(0, loop.reg(Cpu.ECX));

        GuestMachine near = new GuestMachine().code(
                0xE9, 0x03, 0x00, 0x00, 0x00,       // jmp +3 (to the JNZ)
                0x41,                               // inc ecx: reached only backwards
                0xEB, 0x06,                         // jmp +6 (to the end)
                0x0F, 0x85, 0xF7, 0xFF, 0xFF, 0xFF); // jnz -9 (rel32)
        near.flags(0).reg(Cpu.ECX, 0);
        completes(near);
        assertEquals(1, near.reg(Cpu.ECX));
    }
}
