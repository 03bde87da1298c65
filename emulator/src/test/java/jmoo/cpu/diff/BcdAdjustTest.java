package jmoo.cpu.diff;

import static jmoo.cpu.diff.Flags.AF;
import static jmoo.cpu.diff.Flags.CF;
import static jmoo.cpu.diff.Flags.PF;
import static jmoo.cpu.diff.Flags.SF;
import static jmoo.cpu.diff.Flags.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jmoo.cpu.Cpu;
import org.junit.jupiter.api.Test;

/**
 * DAA, DAS, AAA, AAS, AAM, AAD (invalid in 64-bit mode, so not host-comparable) against the
 * Intel SDM's pseudocode, over every AL with every AF/CF, plus the manual's worked examples.
 * Only the flags the manual defines are compared.
 */
class BcdAdjustTest {
    private static final int EAX = Cpu.EAX;
    private static final int HIGH_BITS = 0x5A5A0000;

    private static boolean parityEven(int v) {
        return Integer.bitCount(v & 0xFF) % 2 == 0;
    }

    private static int resultFlags(int al) {
        return (al == 0 ? ZF : 0) | ((al & 0x80) != 0 ? SF : 0) | (parityEven(al) ? PF : 0);
    }

    /** Runs the one-byte snippet and returns {EAX, EFLAGS}. */
    private static int[] run(GuestMachine m, int eax, int flags) {
        m.restart().reg(EAX, eax).flags(flags);
        m.runToEnd();
        assertTrue(m.completed(), "did not complete, exception " + m.exceptionVector());
        return new int[] {m.reg(EAX), m.cpu.eflags()};
    }

    private static String in(int eax, int flags) {
        return String.format("EAX=%08x flags [%s]", eax, Flags.names(flags));
    }

    @Test
    void daaFollowsTheManualForEveryInput() {
        GuestMachine m = new GuestMachine().code(0x27);
        for (int al = 0; al < 256; al++) {
            for (int f : new int[] {0, AF, CF, AF | CF}) {
                boolean adjustLow = (al & 0xF) > 9 || (f & AF) != 0;
                boolean adjustHigh = al > 0x99 || (f & CF) != 0;
                int r = (al + (adjustLow ? 6 : 0) + (adjustHigh ? 0x60 : 0)) & 0xFF;
                int want = (adjustHigh ? CF : 0) | (adjustLow ? AF : 0) | resultFlags(r);
                int eax = HIGH_BITS | 0x1200 | al;
                int[] out = run(m, eax, f);
                assertEquals(HIGH_BITS | 0x1200 | r, out[0], "DAA " + in(eax, f));
                assertEquals(want, out[1] & (CF | AF | SF | ZF | PF), "DAA flags " + in(eax, f));
            }
        }
    }

    @Test
    void dasFollowsTheManualForEveryInput() {
        GuestMachine m = new GuestMachine().code(0x2F);
        for (int al = 0; al < 256; al++) {
            for (int f : new int[] {0, AF, CF, AF | CF}) {
                boolean adjustLow = (al & 0xF) > 9 || (f & AF) != 0;
                boolean adjustHigh = al > 0x99 || (f & CF) != 0;
                boolean borrow = adjustLow && al < 6;
                int r = (al - (adjustLow ? 6 : 0) - (adjustHigh ? 0x60 : 0)) & 0xFF;
                int want = (adjustHigh || borrow ? CF : 0) | (adjustLow ? AF : 0) | resultFlags(r);
                int eax = HIGH_BITS | 0x3400 | al;
                int[] out = run(m, eax, f);
                assertEquals(HIGH_BITS | 0x3400 | r, out[0], "DAS " + in(eax, f));
                assertEquals(want, out[1] & (CF | AF | SF | ZF | PF), "DAS flags " + in(eax, f));
            }
        }
    }

    @Test
    void manualExamplesOfDaaAndDas() {
        GuestMachine m = new GuestMachine().code(0x04, 0x35, 0x27); // add al, 35h; daa
        assertEquals(0x14, run(m, 0x79, 0)[0] & 0xFF);
        assertEquals(CF, m.cpu.eflags() & CF, "79 + 35 = 114 in BCD: carry");
        m = new GuestMachine().code(0x2C, 0x47, 0x2F); // sub al, 47h; das
        assertEquals(0x88, run(m, 0x35, 0)[0] & 0xFF);
        assertEquals(CF, m.cpu.eflags() & CF, "35 - 47 = -12 = 88 with borrow in BCD");
    }

    /**
     * AAA/AAS: only AF and CF are defined. AL values where the +6/-6 carries across AL (AL >= FA
     * for AAA, AL < 6 for AAS) are left out: the 8086-486 and later processors differ there.
     */
    @Test
    void aaaAndAasFollowTheManual() {
        GuestMachine aaa = new GuestMachine().code(0x37);
        GuestMachine aas = new GuestMachine().code(0x3F);
        for (int al = 0; al < 256; al++) {
            for (int f : new int[] {0, AF, CF, AF | CF}) {
                boolean adjust = (al & 0xF) > 9 || (f & AF) != 0;
                int eax = HIGH_BITS | 0x4200 | al;
                int want = adjust ? AF | CF : 0;
                if (!adjust || al < 0xFA) {
                    int ah = 0x42 + (adjust ? 1 : 0);
                    int[] out = run(aaa, eax, f);
                    assertEquals(HIGH_BITS | ah << 8 | (al + (adjust ? 6 : 0)) & 0xF, out[0], "AAA " + in(eax, f));
                    assertEquals(want, out[1] & (AF | CF), "AAA flags " + in(eax, f));
                }
                if (!adjust || al >= 6) {
                    int ah = 0x42 - (adjust ? 1 : 0);
                    int[] out = run(aas, eax, f);
                    assertEquals(HIGH_BITS | ah << 8 | (al - (adjust ? 6 : 0)) & 0xF, out[0], "AAS " + in(eax, f));
                    assertEquals(want, out[1] & (AF | CF), "AAS flags " + in(eax, f));
                }
            }
        }
    }

    @Test
    void aamDividesAlAndAadCombinesAhAndAlInAnyBase() {
        for (int base : new int[] {10, 16, 7, 1, 255}) {
            GuestMachine aam = new GuestMachine().code(0xD4, base);
            GuestMachine aad = new GuestMachine().code(0xD5, base);
            for (int al = 0; al < 256; al++) {
                int eax = HIGH_BITS | 0x9900 | al;
                int[] out = run(aam, eax, 0);
                int q = al / base;
                int r = al % base;
                assertEquals(HIGH_BITS | q << 8 | r, out[0], "AAM " + base + " " + in(eax, 0));
                assertEquals(resultFlags(r), out[1] & (SF | ZF | PF), "AAM flags " + in(eax, 0));
                int ah = (al * 7 + 3) & 0xFF;
                eax = HIGH_BITS | ah << 8 | al;
                out = run(aad, eax, 0);
                int sum = (al + ah * base) & 0xFF;
                assertEquals(HIGH_BITS | sum, out[0], "AAD " + base + " " + in(eax, 0));
                assertEquals(resultFlags(sum), out[1] & (SF | ZF | PF), "AAD flags " + in(eax, 0));
            }
        }
    }

    @Test
    void aamByZeroRaisesDivideErrorPointingAtItself() {
        GuestMachine m = new GuestMachine().code(0xD4, 0x00);
        m.reg(EAX, 0x1234).flags(0);
        m.runToEnd();
        assertEquals(0, m.exceptionVector());
        assertEquals(EmulatorX86.CODE, m.stack(0), "#DE is a fault: the pushed EIP is the AAM");
        assertEquals(0x1234, m.reg(EAX));
    }
}
