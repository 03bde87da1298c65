package jmoo.cpu.diff;

import static jmoo.cpu.diff.EmulatorX86.CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmoo.cpu.Cpu;
import org.junit.jupiter.api.Test;

/**
 * Encodings a 64-bit host reads differently, against the manual: 16-bit addressing inside 32-bit
 * code (0x67), segment overrides and bases, string instructions with a 16-bit address size, the
 * 0x82 alias of 0x80, LDS, LOCK, #UD for undefined encodings, and CPUID as DESIGN.md fixes it.
 */
class LegacyEncodingTest {
    private static GuestMachine completed(GuestMachine m) {
        m.runToEnd();
        assertTrue(m.completed(), "did not complete: EIP " + Integer.toHexString(m.cpu.eip()) + " exception "
                + m.exceptionVector());
        return m;
    }

    @Test
    void sixteenBitAddressingWrapsAtSixtyFourKAndAddsTheSegmentBase() {
        GuestMachine m = new GuestMachine().code(0x67, 0x8B, 0x00); // mov eax, [bx+si]
        m.cpu.setSegmentBase(Cpu.DS, 0x50000);
        m.memory.write32(0x50010, 0x600DCAFE);
        m.reg(Cpu.EBX, 0xABCDFFF0).reg(Cpu.ESI, 0x12340020);
        assertEquals(0x600DCAFE, completed(m).reg(Cpu.EAX), "(FFF0 + 0020) mod 64K = 0010");
    }

    @Test
    void sixteenBitBpAddressingUsesTheStackSegment() {
        GuestMachine m = new GuestMachine().code(0x67, 0x8B, 0x46, 0xFE); // mov eax, [bp-2]
        m.cpu.setSegmentBase(Cpu.SS, 0x60000);
        m.memory.write32(0x60000 + 0xFFFF, 0x13572468);
        m.reg(Cpu.EBP, 0x00000001);
        assertEquals(0x13572468, completed(m).reg(Cpu.EAX), "(1 - 2) mod 64K = FFFF in SS");
    }

    @Test
    void sixteenBitDisplacementOnlyAndBaseWithDisp16() {
        GuestMachine m = new GuestMachine().code(0x67, 0x8B, 0x06, 0x34, 0x12); // mov eax, [1234h]
        m.memory.write32(0x1234 + 0x40000, 0x11223344);
        m.cpu.setSegmentBase(Cpu.DS, 0x40000);
        assertEquals(0x11223344, completed(m).reg(Cpu.EAX));
        GuestMachine b = new GuestMachine().code(0x67, 0x8B, 0x87, 0x00, 0x80); // mov eax, [bx+8000h]
        b.reg(Cpu.EBX, 0x9000);
        b.memory.write32(0x1000, 0x55667788);
        assertEquals(0x55667788, completed(b).reg(Cpu.EAX), "(9000 + 8000) mod 64K = 1000");
    }

    @Test
    void leaWithSixteenBitAddressSizeYieldsTheWrappedOffset() {
        GuestMachine m = new GuestMachine().code(0x67, 0x8D, 0x40, 0x10); // lea eax, [bx+si+10h]
        m.reg(Cpu.EBX, 0x1234FFF8).reg(Cpu.ESI, 0x00000004).reg(Cpu.EAX, 0xFFFFFFFF);
        assertEquals(0x0000000C, completed(m).reg(Cpu.EAX), "(FFF8 + 4 + 10) mod 64K, zero-extended");
    }

    @Test
    void segmentOverridePrefixesSelectTheirBase() {
        GuestMachine fs = new GuestMachine().code(0x64, 0x8B, 0x03); // mov eax, fs:[ebx]
        fs.cpu.setSegmentBase(Cpu.FS, 0x5000);
        fs.memory.write32(0x5010, 0xF5F5F5F5);
        fs.reg(Cpu.EBX, 0x10);
        assertEquals(0xF5F5F5F5, completed(fs).reg(Cpu.EAX));
        GuestMachine gs = new GuestMachine().code(0x65, 0x89, 0x03); // mov gs:[ebx], eax
        gs.cpu.setSegmentBase(Cpu.GS, 0x6000);
        gs.reg(Cpu.EBX, 0x20).reg(Cpu.EAX, 0x65656565);
        completed(gs);
        assertEquals(0x65656565, gs.memory.read32(0x6020));
        GuestMachine ds = new GuestMachine().code(0x67, 0x3E, 0x8B, 0x02); // mov eax, ds:[bp+si]
        ds.cpu.setSegmentBase(Cpu.SS, 0x70000);
        ds.memory.write32(0x0030, 0xD5D5D5D5);
        ds.reg(Cpu.EBP, 0x10).reg(Cpu.ESI, 0x20);
        assertEquals(0xD5D5D5D5, completed(ds).reg(Cpu.EAX), "DS override beats BP's default SS");
    }

    @Test
    void linearAddressesWrapAtFourGigabytes() {
        GuestMachine m = new GuestMachine().code(0x8B, 0x03); // mov eax, [ebx]
        m.cpu.setSegmentBase(Cpu.DS, 0xFFFFF000);
        m.memory.write32(0x5010, 0x0F0F0F0F);
        m.reg(Cpu.EBX, 0x6010);
        assertEquals(0x0F0F0F0F, completed(m).reg(Cpu.EAX), "FFFFF000 + 6010 = 5010 modulo 2^32");
    }

    @Test
    void repMovsWithSixteenBitAddressSizeUsesCxSiDi() {
        GuestMachine m = new GuestMachine().code(0x67, 0xF3, 0xA4); // rep movsb (a16)
        m.memory.write32(0x5010, 0x00332211);
        m.reg(Cpu.ECX, 0xAAAA0003).reg(Cpu.ESI, 0xBBBB5010).reg(Cpu.EDI, 0xCCCC5100);
        completed(m);
        assertEquals(0x332211, m.memory.read32(0x5100) & 0xFFFFFF);
        assertEquals(0, m.memory.read8(0x5103));
        assertEquals(0xAAAA0000, m.reg(Cpu.ECX));
        assertEquals(0xBBBB5013, m.reg(Cpu.ESI));
        assertEquals(0xCCCC5103, m.reg(Cpu.EDI));
    }

    @Test
    void opcode82IsTheByteImmediateGroupLike80() {
        GuestMachine m = new GuestMachine().code(0x82, 0xC0, 0x05); // add al, 5
        m.reg(Cpu.EAX, 0x123456FE).flags(0);
        completed(m);
        assertEquals(0x12345603, m.reg(Cpu.EAX));
        assertEquals(Flags.CF | Flags.AF | Flags.PF, m.cpu.eflags() & Flags.ARITH, "03: parity even");
    }

    @Test
    void ldsLoadsOffsetAndSelector() {
        GuestMachine m = new GuestMachine().code(0xC5, 0x03); // lds eax, [ebx]
        m.memory.write32(0x5000, 0x12345678);
        m.memory.write16(0x5004, 0x18);
        m.reg(Cpu.EBX, 0x5000);
        completed(m);
        assertEquals(0x12345678, m.reg(Cpu.EAX));
        assertEquals(0x18, m.cpu.segSelector(Cpu.DS));
    }

    @Test
    void lockedReadModifyWriteWorks() {
        GuestMachine m = new GuestMachine().code(0xF0, 0x01, 0x03); // lock add [ebx], eax
        m.memory.write32(0x5000, 40);
        m.reg(Cpu.EBX, 0x5000).reg(Cpu.EAX, 2);
        completed(m);
        assertEquals(42, m.memory.read32(0x5000));
    }

    @Test
    void undefinedEncodingsRaiseInvalidOpcodeAndAreCounted() {
        int[][] encodings = {{0x0F, 0x0B}, {0x8D, 0xC0}, {0xFE, 0x10}, {0xFF, 0xFF}};
        for (int[] bytes : encodings) {
            GuestMachine m = new GuestMachine().code(bytes);
            long before = m.cpu.undefinedOpcodes();
            m.runToEnd();
            String what = String.format("%02x %02x", bytes[0], bytes[1]);
            assertEquals(6, m.exceptionVector(), what + " must raise #UD");
            assertEquals(CODE, m.stack(0), what + ": #UD is a fault");
            assertEquals(before + 1, m.cpu.undefinedOpcodes(), what + " is counted");
        }
    }

    @Test
    void cpuidLeafZeroNamesAVendorAndCoversLeafOne() {
        GuestMachine m = new GuestMachine().code(0x0F, 0xA2);
        m.reg(Cpu.EAX, 0);
        completed(m);
        assertTrue(m.reg(Cpu.EAX) >= 1, "highest leaf");
        for (int r : new int[] {Cpu.EBX, Cpu.EDX, Cpu.ECX}) {
            for (int shift = 0; shift < 32; shift += 8) {
                int ch = m.reg(r) >>> shift & 0xFF;
                assertTrue(ch >= 0x20 && ch < 0x7F, "vendor string is printable: " + Integer.toHexString(m.reg(r)));
            }
        }
    }

    @Test
    void cpuidReportsFamilyFourWithCmovAndNoFpuTscOrSimd() {
        GuestMachine m = new GuestMachine().code(0x0F, 0xA2);
        m.reg(Cpu.EAX, 1);
        completed(m);
        assertEquals(4, m.reg(Cpu.EAX) >>> 8 & 0xF, "family");
        int edx = m.reg(Cpu.EDX);
        assertEquals(1 << 15, edx & 1 << 15, "CMOV");
        assertEquals(0, edx & (1 | 1 << 4 | 1 << 23 | 1 << 25 | 1 << 26), "FPU, TSC, MMX, SSE, SSE2 must be clear");
    }
    @Test
    void xlatWithSixteenBitAddressSizeIndexesBxByAl() {
        GuestMachine m = new GuestMachine().code(0x67, 0xD7); // xlat (a16)
        m.memory.write8(0x0010 + 0x80, 0x5C);
        m.reg(Cpu.EBX, 0x7FFF0010).reg(Cpu.EAX, 0x12345680);
        assertEquals(0x1234565C, completed(m).reg(Cpu.EAX), "table at BX (upper EBX ignored) + AL");
    }

    @Test
    void stringSourceTakesTheSegmentOverrideButTheDestinationStaysEs() {
        GuestMachine m = new GuestMachine().code(0x64, 0xA5); // movsd fs:[esi] -> es:[edi]
        m.cpu.setSegmentBase(Cpu.FS, 0x20000);
        m.cpu.setSegmentBase(Cpu.DS, 0x30000);
        m.memory.write32(0x20000 + 0x100, 0xF00DF00D);
        m.memory.write32(0x30000 + 0x100, 0xBAD0BAD0);
        m.reg(Cpu.ESI, 0x100).reg(Cpu.EDI, 0x200);
        completed(m);
        assertEquals(0xF00DF00D, m.memory.read32(0x200), "read through FS, written through ES (base 0)");
        assertEquals(0x104, m.reg(Cpu.ESI));
        assertEquals(0x204, m.reg(Cpu.EDI));
    }
}
