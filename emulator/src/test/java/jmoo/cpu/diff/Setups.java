package jmoo.cpu.diff;

/** The constraints some forms put on their random inputs, and the #DE rule of DIV/IDIV. */
final class Setups {
    private static final int EAX = 0;
    private static final int ECX = 1;
    private static final int EDX = 2;
    private static final int EBX = 3;
    private static final int ESI = 6;
    private static final int EDI = 7;

    private Setups() {
    }

    /**
     * DIV/IDIV: usually a dividend whose quotient fits (high half below the divisor, or the sign
     * extension of the low half), sometimes raw random values, which mostly raise #DE.
     */
    static Form.Setup divide(int size, boolean signed) {
        return d -> {
            if (d.rnd.nextInt(8) == 0) {
                return; // raw random inputs: exercises the #DE path
            }
            if (d.readRm() == 0 && d.rnd.nextInt(10) != 0) {
                d.writeRm(1 + d.rnd.nextInt(size == 8 ? 255 : 0xFFFF));
            }
            int divisor = d.readRm();
            int low = dividendLow(d.s, size);
            int high;
            if (signed) {
                high = d.rnd.nextInt(4) == 0 ? d.value32() : signExtendHigh(low, size);
            } else {
                long mask = size == 32 ? 0xFFFFFFFFL : (1L << size) - 1;
                long div = divisor & mask;
                high = div == 0 ? 0 : (int) (Long.remainderUnsigned(d.rnd.nextLong(), div));
            }
            setDividendHigh(d.s, size, high);
        };
    }

    private static int dividendLow(MachineState s, int size) {
        return size == 8 ? s.regs[EAX] & 0xFF : size == 16 ? s.regs[EAX] & 0xFFFF : s.regs[EAX];
    }

    private static int signExtendHigh(int low, int size) {
        boolean negative = (low >>> (size - 1) & 1) != 0;
        return negative ? -1 : 0;
    }

    private static void setDividendHigh(MachineState s, int size, int high) {
        if (size == 8) {
            s.writeReg(4, 8, high); // AH
        } else {
            s.writeReg(EDX, size, high);
        }
    }

    /** The processor's #DE condition for DIV/IDIV with this case's inputs. */
    static Form.FaultRule divideError(int size, boolean signed) {
        return c -> {
            MachineState s = c.in;
            long divisor = c.rmValue();
            long dividend;
            if (size == 8) {
                dividend = signed ? (short) s.regs[EAX] : s.regs[EAX] & 0xFFFF;
                divisor = signed ? (byte) divisor : divisor & 0xFF;
            } else if (size == 16) {
                int v = (s.regs[EDX] & 0xFFFF) << 16 | s.regs[EAX] & 0xFFFF;
                dividend = signed ? v : v & 0xFFFFFFFFL;
                divisor = signed ? (short) divisor : divisor & 0xFFFF;
            } else {
                dividend = (long) s.regs[EDX] << 32 | s.regs[EAX] & 0xFFFFFFFFL;
                divisor = signed ? (int) divisor : divisor & 0xFFFFFFFFL;
            }
            if (divisor == 0) {
                return true;
            }
            if (!signed) {
                long q = Long.divideUnsigned(dividend, divisor);
                return Long.compareUnsigned(q, size == 32 ? 0xFFFFFFFFL : (1L << size) - 1) > 0;
            }
            if (dividend == Long.MIN_VALUE && divisor == -1) {
                return true;
            }
            long q = dividend / divisor;
            return q < -(1L << (size - 1)) || q > (1L << (size - 1)) - 1;
        };
    }

    /** BT* with a register bit offset into memory: keep the addressed bit within +-128 bytes. */
    static Form.Setup bitOffsetNearOperand(int size) {
        return d -> {
            if (d.memOffset >= 0) {
                d.s.writeReg(d.regField, size, d.rnd.nextInt(2048) - 1024);
            }
        };
    }

    /** BSF/BSR: a zero source (destination undefined, ZF set) now and then, single bits too. */
    static final Form.Setup BIT_SCAN_SOURCE = d -> {
        int k = d.rnd.nextInt(5);
        if (k == 0) {
            d.writeRm(0);
        } else if (k == 1) {
            d.writeRm(1 << d.rnd.nextInt(d.form.rmSize));
        }
    };

    /** BSF/BSR leave the destination undefined for a zero source. */
    static final Form.UndefinedRegs BIT_SCAN_DESTINATION = c -> c.rmValue() == 0 ? 1 << c.regField : 0;

    /** SHLD/SHRD 16: counts above 16 leave result and flags undefined; draw legal ones. */
    static Form.Setup doubleShiftCount(int size) {
        return d -> {
            if (size == 16 && (d.count() & 0x1F) > 16) {
                d.setCount(d.count() & 0xE0 | d.rnd.nextInt(17));
            }
        };
    }

    /** CMPXCHG: half of the cases compare equal. */
    static Form.Setup accumulatorMatchesOperand(int size) {
        return d -> {
            if (d.rnd.nextBoolean()) {
                d.s.writeReg(EAX, size, d.readRm());
            }
        };
    }

    /**
     * String instructions: ESI/EDI in the window, a small ECX for REP forms; CMPS/SCAS get equal
     * runs half of the time so REPE/REPNE stop at every possible point.
     */
    static Form.Setup string(int elementBytes, boolean rep, char kind) {
        return d -> {
            int src = stringOperand(d);
            int dst = stringOperand(d);
            d.s.regs[ESI] = d.linear(src);
            d.s.regs[EDI] = d.linear(dst);
            if (rep) {
                d.s.regs[ECX] = d.rnd.nextInt(4) == 0 ? d.rnd.nextInt(2) : d.rnd.nextInt(25);
            }
            if (d.rnd.nextBoolean()) {
                if (kind == 'C') {
                    for (int k = -128; k < 128; k++) {
                        d.s.window[dst + k] = d.s.window[src + k];
                    }
                } else if (kind == 'S') {
                    for (int k = -128; k < 128; k++) {
                        d.s.window[dst + k] = (byte) (d.s.regs[EAX] >>> 8 * Math.floorMod(k, elementBytes));
                    }
                }
                if (d.rnd.nextBoolean()) {
                    d.s.window[dst + d.rnd.nextInt(200) - 100] ^= (byte) (1 + d.rnd.nextInt(255));
                }
            }
        };
    }

    /** A string operand offset, near a page boundary one time in four (REP runs then cross it). */
    private static int stringOperand(CaseGenerator.Draft d) {
        return d.rnd.nextInt(4) == 0 ? NativeX86.PAGE_BOUNDARY - 48 + d.rnd.nextInt(96)
                : CaseGenerator.OPERAND_AREA_START + d.rnd.nextInt(CaseGenerator.OPERAND_AREA_SIZE);
    }

    /** XLAT: EBX points into the window so that EBX + AL stays inside it. */
    static final Form.Setup XLAT_TABLE = d -> d.s.regs[EBX] = d.linear(
            CaseGenerator.OPERAND_AREA_START + d.rnd.nextInt(CaseGenerator.OPERAND_AREA_SIZE - 256));

    /** LOOP/JECXZ: counters at the interesting values. */
    static final Form.Setup LOOP_COUNTER = d -> {
        int[] counters = {0, 1, 2, -1};
        if (d.rnd.nextBoolean()) {
            d.s.regs[ECX] = counters[d.rnd.nextInt(counters.length)];
        }
    };
}
