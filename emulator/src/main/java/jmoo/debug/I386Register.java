package jmoo.debug;

/**
 * The i386 registers in the order of gdb's remote protocol 'g' packet and of the
 * {@code org.gnu.gdb.i386.core} feature: the 16 integer registers, then the x87 registers, which
 * this machine does not have (the guest kernel emulates the FPU), reported as unavailable.
 */
public enum I386Register {
    EAX(4), ECX(4), EDX(4), EBX(4), ESP(4), EBP(4), ESI(4), EDI(4),
    EIP(4), EFLAGS(4), CS(4), SS(4), DS(4), ES(4), FS(4), GS(4),
    ST0(10), ST1(10), ST2(10), ST3(10), ST4(10), ST5(10), ST6(10), ST7(10),
    FCTRL(4), FSTAT(4), FTAG(4), FISEG(4), FIOFF(4), FOSEG(4), FOOFF(4), FOP(4);

    /** Registers 0..15 are real; the rest are x87 registers that read as unavailable. */
    public static final int INTEGER_REGISTERS = 16;

    private static final I386Register[] ALL = values();

    private final int sizeBytes;

    I386Register(int sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    /** Size in bytes in the 'g' packet. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** gdb's register number. */
    public int number() {
        return ordinal();
    }

    /** True for the general, instruction pointer, flags and segment registers the CPU has. */
    public boolean available() {
        return ordinal() < INTEGER_REGISTERS;
    }

    /** The lower-case name gdb uses. */
    public String gdbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The register with gdb number {@code n}, or null when there is none. */
    public static I386Register byNumber(int n) {
        return n >= 0 && n < ALL.length ? ALL[n] : null;
    }

    /** The integer registers, in 'g' packet order. */
    public static I386Register[] integerRegisters() {
        return java.util.Arrays.copyOf(ALL, INTEGER_REGISTERS);
    }
}
