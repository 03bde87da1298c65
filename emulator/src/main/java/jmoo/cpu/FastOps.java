package jmoo.cpu;

/**
 * The semantics of the {@link FastForms}, one static method per form, with every operand
 * passed explicitly. The interpreter ({@link Executor#execute}) calls them with an
 * {@link Insn}'s fields; compiled blocks ({@link BlockCompiler}) call them with the same values
 * as constants, so both paths share one definition of each instruction. All forms are 32-bit
 * operand and address size. Hot path: keep every method small enough for HotSpot to inline.
 */
final class FastOps {
    private FastOps() {
    }

    static int ea(Executor c, int base, int index, int scale, int disp) {
        int[] r = c.regs;
        return r[base] + (r[index] << scale) + disp;
    }

    static void movRR(Executor c, int dst, int src) {
        c.regs[dst] = c.regs[src];
    }

    static void movRImm(Executor c, int dst, int imm) {
        c.regs[dst] = imm;
    }

    static void movLoad(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.regs[reg] = c.read32(c.readAddr(seg, ea(c, base, index, scale, disp), 2));
    }

    static void movStore(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.write32(c.writeAddr(seg, ea(c, base, index, scale, disp), 2), c.regs[reg]);
    }

    static void movLoad8(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.setReg8(reg, c.read8(c.readAddr(seg, ea(c, base, index, scale, disp), 0)));
    }

    static void movStore8(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.write8(c.writeAddr(seg, ea(c, base, index, scale, disp), 0), c.reg8(reg));
    }

    static void movStoreImm(Executor c, int imm, int seg, int base, int index, int scale, int disp) {
        c.write32(c.writeAddr(seg, ea(c, base, index, scale, disp), 2), imm);
    }

    static void movzx8Load(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.regs[reg] = c.read8(c.readAddr(seg, ea(c, base, index, scale, disp), 0));
    }

    static void lea(Executor c, int reg, int base, int index, int scale, int disp) {
        c.regs[reg] = ea(c, base, index, scale, disp);
    }

    /** ALU operation {@code aop} (0 ADD .. 7 CMP) of two registers into {@code dst}. */
    static void aluRR(Executor c, int aop, int dst, int src) {
        int r = c.alu(aop, c.regs[dst], c.regs[src], 2);
        if (aop != 7) {
            c.regs[dst] = r;
        }
    }

    static void aluRImm(Executor c, int aop, int dst, int imm) {
        int r = c.alu(aop, c.regs[dst], imm, 2);
        if (aop != 7) {
            c.regs[dst] = r;
        }
    }

    static void aluLoad(Executor c, int aop, int reg, int seg, int base, int index, int scale, int disp) {
        int r = c.alu(aop, c.regs[reg], c.read32(c.readAddr(seg, ea(c, base, index, scale, disp), 2)), 2);
        if (aop != 7) {
            c.regs[reg] = r;
        }
    }

    /** ALU operation with a memory destination (CMP only reads it); {@code b} is the source value. */
    static void aluStore(Executor c, int aop, int b, int seg, int base, int index, int scale, int disp) {
        int off = ea(c, base, index, scale, disp);
        if (aop == 7) {
            c.alu(7, c.read32(c.readAddr(seg, off, 2)), b, 2);
        } else {
            int lin = c.writeAddr(seg, off, 2);
            c.probeWrite(lin, 2);
            c.write32(lin, c.alu(aop, c.read32(lin), b, 2));
        }
    }

    static void testRR(Executor c, int a, int b) {
        int r = c.regs[a] & c.regs[b];
        c.setLazy(LazyFlags.L_LOGIC, r, r, r, 2);
    }

    static void incR(Executor c, int dst) {
        c.regs[dst] = c.inc(c.regs[dst], 2);
    }

    static void decR(Executor c, int dst) {
        c.regs[dst] = c.dec(c.regs[dst], 2);
    }

    static void pushR(Executor c, int src) {
        c.push(2, c.regs[src]);
    }

    static void popR(Executor c, int dst) {
        int v = c.pop(2);
        c.regs[dst] = v;
    }

    /** Conditional jump: EIP becomes {@code target} when condition {@code cc} holds, else {@code next}. */
    static void jcc(Executor c, int cc, int target, int next) {
        if (c.condition(cc)) {
            c.jump(target, 2);
        } else {
            c.eip = next;
        }
    }

    static void jmp(Executor c, int target) {
        c.jump(target, 2);
    }

    /** Near CALL rel32: pushes {@code next} (the return address) and jumps. */
    static void call(Executor c, int target, int next) {
        if (Integer.compareUnsigned(target, c.segLimit[CpuState.CS]) > 0) {
            throw c.fault(CpuState.GP, 0);
        }
        c.push(2, next);
        c.eip = target;
    }

    static void ret(Executor c) {
        int t = c.peek(2, 0);
        c.jump(t, 2);
        c.adjustSp(4);
    }
}
