package jmoo.cpu.diff;

import static jmoo.cpu.diff.Flags.AF;
import static jmoo.cpu.diff.Flags.ARITH;
import static jmoo.cpu.diff.Flags.CF;
import static jmoo.cpu.diff.Flags.OF;
import static jmoo.cpu.diff.Flags.ZF;

/**
 * Which arithmetic flags the Intel SDM defines after each kind of instruction. Flags an
 * instruction leaves unaffected are defined (they must keep their input value); only flags the
 * manual calls undefined are masked out of the comparison.
 */
final class FlagRules {
    /** Arithmetic (ADD, SUB, CMP, NEG, INC/DEC...) and instructions that affect no flag. */
    static final Form.FlagRule ALL = c -> ARITH;
    /** AND, OR, XOR, TEST: AF undefined. */
    static final Form.FlagRule LOGIC = c -> ARITH & ~AF;
    /** MUL, IMUL: only CF and OF defined. */
    static final Form.FlagRule MULTIPLY = c -> CF | OF;
    /** DIV, IDIV: every arithmetic flag undefined. */
    static final Form.FlagRule DIVIDE = c -> 0;
    /** BT, BTS, BTR, BTC: CF defined, ZF unaffected, OF SF AF PF undefined. */
    static final Form.FlagRule BIT_TEST = c -> CF | ZF;
    /** BSF, BSR: only ZF defined. */
    static final Form.FlagRule BIT_SCAN = c -> ZF;

    private FlagRules() {
    }

    /**
     * Group 2 (ModRM reg = {@code digit}): a masked count of 0 affects nothing; rotates touch only
     * CF and OF; OF is defined only for a count of 1; shifts leave AF undefined, and SHL/SHR leave
     * CF undefined when the count reaches the operand size.
     */
    static Form.FlagRule group2(int digit, int size) {
        return c -> {
            int n = c.count() & 0x1F;
            if (n == 0) {
                return ARITH;
            }
            int defined = digit < 4 ? ARITH : ARITH & ~AF;
            if (n != 1) {
                defined &= ~OF;
            }
            if (digit >= 4 && digit <= 6 && n >= size) {
                defined &= ~CF;
            }
            return defined;
        };
    }

    /** SHLD/SHRD: as shifts, and everything undefined when the count exceeds the operand size. */
    static Form.FlagRule doubleShift(int size) {
        return c -> {
            int n = c.count() & 0x1F;
            if (n == 0) {
                return ARITH;
            }
            if (n > size) {
                return 0;
            }
            return n == 1 ? ARITH & ~AF : ARITH & ~AF & ~OF;
        };
    }
}
