package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the native executor itself against facts from the manual, so a broken harness is noticed. */
class NativeX86SelfTest {
    private static NativeX86 host;

    @BeforeAll
    static void open() {
        host = NativeX86.sharedOrSkip();
    }

    private static MachineState state(int eax, int ecx, int edx, int ebx, int ebp, int esi, int edi, int flags) {
        MachineState s = new MachineState();
        int[] v = {eax, ecx, edx, ebx, 0, ebp, esi, edi};
        System.arraycopy(v, 0, s.regs, 0, 8);
        s.eflags = flags;
        return s;
    }

    private static byte[] bytes(int... bs) {
        byte[] b = new byte[bs.length];
        for (int i = 0; i < bs.length; i++) {
            b[i] = (byte) bs[i];
        }
        return b;
    }

    @Test
    void addWrapsToZeroSettingCarryZeroParityAndAux() {
        MachineState out = host.execute(bytes(0x01, 0xD8), // add eax, ebx
                state(0xFFFFFFFF, 11, 22, 1, 33, 44, 55, 0));
        assertEquals(0, out.regs[0]);
        assertEquals(Flags.CF | Flags.ZF | Flags.PF | Flags.AF, out.eflags & Flags.TESTED,
                () -> Flags.names(out.eflags));
        assertArrayEquals(new int[] {11, 22, 1}, new int[] {out.regs[1], out.regs[2], out.regs[3]});
        assertArrayEquals(new int[] {33, 44, 55}, new int[] {out.regs[5], out.regs[6], out.regs[7]});
    }

    @Test
    void subtractOverflowsAtTheSignBoundary() {
        MachineState out = host.execute(bytes(0x29, 0xC8), // sub eax, ecx
                state(0x80000000, 1, 0, 0, 0, 0, 0, Flags.CF | Flags.ZF));
        assertEquals(0x7FFFFFFF, out.regs[0]);
        assertEquals(Flags.OF | Flags.AF | Flags.PF, out.eflags & Flags.TESTED, () -> Flags.names(out.eflags));
    }

    @Test
    void flagsGoInAndComeOut() {
        MachineState out = host.execute(bytes(0xF5), state(0, 0, 0, 0, 0, 0, 0, Flags.TESTED)); // cmc
        assertEquals(Flags.TESTED & ~Flags.CF, out.eflags & Flags.TESTED);
    }

    @Test
    void memoryOperandsAddressTheWindowWith32BitRegisters() {
        int window = (int) host.windowAddress();
        MachineState in = state(0, 0, 0, window + 8, 0, 0, 0, 0);
        in.writeMem(8, 32, 0x12345678);
        MachineState out = host.execute(bytes(0x8B, 0x03), in); // mov eax, [ebx]
        assertEquals(0x12345678, out.regs[0]);
    }

    @Test
    void stringStoreRunsDownwardsWithDirectionFlagAndWritesTheWindow() {
        int window = (int) host.windowAddress();
        MachineState in = state(0xAABBCCDD, 2, 0, 0, 0, 0, window + 100, Flags.DF);
        MachineState out = host.execute(bytes(0xF3, 0xAB), in); // rep stosd
        assertEquals(0xAABBCCDD, out.readMem(100, 32));
        assertEquals(0xAABBCCDD, out.readMem(96, 32));
        assertEquals(0, out.readMem(92, 32));
        assertEquals(window + 92, out.regs[7]);
        assertEquals(0, out.regs[1]);
        assertEquals(Flags.DF, out.eflags & Flags.TESTED);
    }
}
