package jmoo.cpu.diff;

/** EFLAGS bits the differential tests compare, and their names for failure messages. */
final class Flags {
    static final int CF = 1;
    static final int PF = 1 << 2;
    static final int AF = 1 << 4;
    static final int ZF = 1 << 6;
    static final int SF = 1 << 7;
    static final int DF = 1 << 10;
    static final int OF = 1 << 11;

    /** The six arithmetic status flags. */
    static final int ARITH = CF | PF | AF | ZF | SF | OF;
    /** Every bit a test sets on input and may compare on output. */
    static final int TESTED = ARITH | DF;

    private static final int[] BITS = {CF, PF, AF, ZF, SF, DF, OF};
    private static final String[] NAMES = {"CF", "PF", "AF", "ZF", "SF", "DF", "OF"};

    private Flags() {
    }

    /** "CF ZF" style list of the tested flags set in {@code flags}; "-" when none. */
    static String names(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(NAMES[i]);
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
