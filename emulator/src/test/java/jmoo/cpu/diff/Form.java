package jmoo.cpu.diff;

import java.util.Arrays;

/**
 * One row of the instruction-form table: how to encode the form in a 32-bit code segment, which
 * operands it has, which registers its inputs must be pinned to so the case is valid, and which
 * arithmetic flags (and register results) the manual defines for a given case.
 */
final class Form {
    /** Where the ModRM r/m operand may live. */
    enum Rm { NONE, ANY, REG, MEM }

    /** The immediate after the ModRM bytes. */
    enum Imm {
        NONE, I8, I16, I32,
        /** an 8-bit shift or rotate count drawn from the edge counts */
        COUNT8,
        /** rel8 / rel32 of 5 that skips a following "mov eax, imm32" (branch forms) */
        SKIP8, SKIP32
    }

    /** The arithmetic flags the manual defines for a case (unaffected flags count as defined). */
    interface FlagRule {
        int defined(DiffCase c);
    }

    /** Adjusts the random inputs of a case to the form's constraints. */
    interface Setup {
        void apply(CaseGenerator.Draft d);
    }

    /** True when the case raises #DE on a real processor (never run natively). */
    interface FaultRule {
        boolean divideError(DiffCase c);
    }

    /** Registers (bit i = register i) whose result the manual leaves undefined for a case. */
    interface UndefinedRegs {
        int mask(DiffCase c);
    }

    final String name;
    final int[] opcode;
    /**
     * The opcode bytes the host runs instead (same operands), for encodings 64-bit mode lacks:
     * INC/DEC 40+r as FF /0 /1, 82 as 80. Null when the host runs {@link #opcode}.
     */
    final int[] hostOpcode;
    final int regSize;
    final int rmSize;
    final Rm rm;
    final int digit;
    final boolean regInOpcode;
    final Imm imm;
    final int immSize;
    final boolean countInCl;
    /** The count of the "by 1" shift forms (D0/D1), -1 for the others. */
    final int fixedCount;
    final boolean regFieldPinned;
    /** LEA: the effective address itself is the result, so the host must compute it the same way. */
    final boolean addressIsResult;
    /** Read-modify-write of the r/m operand: accepts LOCK when that operand is in memory. */
    final boolean lockable;
    /** Touches memory through ESI/EDI/EBX without a ModRM operand (string ops, XLAT). */
    final boolean implicitMemory;
    /** Some inputs raise #DE (DIV, IDIV). */
    final boolean canFault;
    /** Some inputs leave a register result undefined (BSF, BSR). */
    final boolean hasUndefinedRegs;
    final int pinned;
    final FlagRule flags;
    final Setup setup;
    final FaultRule fault;
    final UndefinedRegs undefinedRegs;

    private Form(Builder b) {
        name = b.name;
        opcode = b.opcode;
        hostOpcode = b.hostOpcode;
        regSize = b.regSize;
        rmSize = b.rmSize;
        rm = b.rm;
        digit = b.digit;
        regInOpcode = b.regInOpcode;
        imm = b.imm;
        immSize = b.immSize;
        countInCl = b.countInCl;
        fixedCount = b.fixedCount;
        regFieldPinned = b.regFieldPinned;
        addressIsResult = b.addressIsResult;
        lockable = b.lockable;
        implicitMemory = b.implicitMemory;
        canFault = b.canFault;
        hasUndefinedRegs = b.hasUndefinedRegs;
        pinned = b.pinned;
        flags = b.flags;
        setup = b.setup;
        fault = b.fault;
        undefinedRegs = b.undefinedRegs;
    }

    boolean hasModrm() {
        return rm != Rm.NONE;
    }

    @Override
    public String toString() {
        return name;
    }

    static Builder form(String name) {
        return new Builder(name);
    }

    /** Fluent construction of a table row; every row names its operand size explicitly. */
    static final class Builder {
        private final String name;
        private int[] opcode = new int[0];
        private int[] hostOpcode;
        private int regSize = 32;
        private int rmSize = 32;
        private Rm rm = Rm.NONE;
        private int digit = -1;
        private boolean regInOpcode;
        private Imm imm = Imm.NONE;
        private int immSize;
        private boolean countInCl;
        private int fixedCount = -1;
        private boolean regFieldPinned;
        private boolean addressIsResult;
        private boolean lockable;
        private boolean implicitMemory;
        private boolean canFault;
        private boolean hasUndefinedRegs;
        private int pinned;
        private FlagRule flags = c -> Flags.ARITH;
        private Setup setup = d -> { };
        private FaultRule fault = c -> false;
        private UndefinedRegs undefinedRegs = c -> 0;

        private Builder(String name) {
            this.name = name;
        }

        /** Operand size of both operands; 16 adds the 0x66 prefix in front of the opcode. */
        Builder size(int bits) {
            regSize = bits;
            rmSize = bits;
            return this;
        }

        Builder rmSize(int bits) {
            rmSize = bits;
            return this;
        }

        /** Opcode bytes after any operand-size prefix (which {@link #build} adds for 16 bits). */
        Builder op(int... bytes) {
            opcode = bytes;
            return this;
        }

        /** What the host runs in place of the opcode bytes (the 0x66 prefix is kept). */
        Builder hostOpcode(int... bytes) {
            hostOpcode = bytes;
            return this;
        }

        Builder modrm(Rm where) {
            rm = where;
            return this;
        }

        Builder digit(int reg) {
            digit = reg;
            return this;
        }

        /** The opcode's low three bits name a register (B8+r, BSWAP, XCHG eAX,r). */
        Builder regInOpcode() {
            regInOpcode = true;
            return this;
        }

        Builder imm(Imm kind) {
            imm = kind;
            return this;
        }

        Builder countInCl() {
            countInCl = true;
            pinned |= 1 << 1;
            return this;
        }

        Builder countOne() {
            fixedCount = 1;
            return this;
        }

        /** The ModRM reg register carries a constrained value; addressing must not reuse it. */
        Builder regFieldPinned() {
            regFieldPinned = true;
            return this;
        }

        Builder lockable(boolean accepts) {
            lockable = accepts;
            return this;
        }

        Builder addressIsResult() {
            addressIsResult = true;
            return this;
        }

        Builder pin(int... regs) {
            for (int r : regs) {
                pinned |= 1 << r;
            }
            return this;
        }

        Builder flags(FlagRule rule) {
            flags = rule;
            return this;
        }

        Builder setup(Setup s) {
            setup = s;
            return this;
        }

        Builder implicitMemory() {
            implicitMemory = true;
            return this;
        }

        Builder fault(FaultRule f) {
            fault = f;
            canFault = true;
            return this;
        }

        Builder undefinedRegs(UndefinedRegs u) {
            undefinedRegs = u;
            hasUndefinedRegs = true;
            return this;
        }

        Form build() {
            immSize = imm == Imm.I8 || imm == Imm.COUNT8 ? 1 : imm == Imm.I16 ? 2 : imm == Imm.I32 ? 4 : 0;
            boolean sixteen = regSize == 16 && !isBranchOrNoSize();
            if (sixteen) {
                int[] withPrefix = new int[opcode.length + 1];
                int prefixes = 0;
                while (prefixes < opcode.length && (opcode[prefixes] == 0xF2 || opcode[prefixes] == 0xF3)) {
                    prefixes++;
                }
                System.arraycopy(opcode, 0, withPrefix, 0, prefixes);
                withPrefix[prefixes] = 0x66;
                System.arraycopy(opcode, prefixes, withPrefix, prefixes + 1, opcode.length - prefixes);
                opcode = withPrefix;
            }
            opcode = Arrays.copyOf(opcode, opcode.length);
            return new Form(this);
        }

        private boolean isBranchOrNoSize() {
            return imm == Imm.SKIP8 || imm == Imm.SKIP32;
        }
    }
}
