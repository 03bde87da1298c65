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

    // ---- forms only compiled blocks use (the interpreter runs these generically) ----

    /** SHL/SHR/SAR (group-2 op 4..7) of a register by a constant count, 1..31. Lazy flags. */
    static void shiftImm(Executor c, int op, int dst, int count) {
        int a = c.regs[dst];
        int r;
        int f;
        if (op == 5) { // SHR: OF is the original sign bit
            r = a >>> count;
            f = ((a >>> (count - 1)) & 1) | (a < 0 ? CpuState.OF : 0);
        } else if (op == 7) { // SAR: OF clear
            r = a >> count;
            f = (a >> (count - 1)) & 1;
        } else { // SHL (4 and its alias 6): OF = CF ^ the result's sign bit
            r = a << count;
            int cf = (a >>> (32 - count)) & 1;
            f = cf | (((r >>> 31) ^ cf) != 0 ? CpuState.OF : 0);
        }
        c.setLazy(LazyFlags.L_SHIFT, 0, f, r, 2);
        c.regs[dst] = r;
    }

    /** IMUL r32, r32, imm and IMUL r32, r32 (the destination times itself is {@code src == dst}). */
    static void imulImm(Executor c, int dst, int src, int imm) {
        c.regs[dst] = c.imul(c.regs[src], imm, 2);
    }

    static void imulRR(Executor c, int dst, int src) {
        c.regs[dst] = c.imul(c.regs[dst], c.regs[src], 2);
    }

    static void movzx8RR(Executor c, int dst, int src) {
        c.regs[dst] = c.reg8(src);
    }

    static void movsx8RR(Executor c, int dst, int src) {
        c.regs[dst] = (byte) c.reg8(src);
    }

    static void movzx16RR(Executor c, int dst, int src) {
        c.regs[dst] = c.regs[src] & 0xFFFF;
    }

    static void movsx16RR(Executor c, int dst, int src) {
        c.regs[dst] = (short) c.regs[src];
    }

    static void movzx16Load(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.regs[reg] = c.read16(c.readAddr(seg, ea(c, base, index, scale, disp), 1));
    }

    static void movsx16Load(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.regs[reg] = (short) c.read16(c.readAddr(seg, ea(c, base, index, scale, disp), 1));
    }

    static void movsx8Load(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.regs[reg] = (byte) c.read8(c.readAddr(seg, ea(c, base, index, scale, disp), 0));
    }

    /** MOV r16, m16: the register's upper half is kept. */
    static void movLoad16(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        int v = c.read16(c.readAddr(seg, ea(c, base, index, scale, disp), 1));
        c.regs[reg] = (c.regs[reg] & ~0xFFFF) | v;
    }

    static void movStore16(Executor c, int reg, int seg, int base, int index, int scale, int disp) {
        c.write16(c.writeAddr(seg, ea(c, base, index, scale, disp), 1), c.regs[reg]);
    }

    static void movStore8Imm(Executor c, int imm, int seg, int base, int index, int scale, int disp) {
        c.write8(c.writeAddr(seg, ea(c, base, index, scale, disp), 0), imm);
    }

    static void negR(Executor c, int dst) {
        c.regs[dst] = c.neg(c.regs[dst], 2);
    }

    static void notR(Executor c, int dst) {
        c.regs[dst] = ~c.regs[dst];
    }

    /** TEST r32, imm32. */
    static void testImm(Executor c, int dst, int imm) {
        c.alu(4, c.regs[dst], imm, 2);
    }

    /** TEST r16, r16. */
    static void test16RR(Executor c, int a, int b) {
        c.alu(4, c.regs[a] & 0xFFFF, c.regs[b] & 0xFFFF, 1);
    }

    /** An 8-bit ALU operation (0 ADD .. 7 CMP, 8 = TEST) of two byte registers into the first. */
    static void alu8RR(Executor c, int aop, int dst, int src) {
        alu8ToReg(c, aop, dst, c.reg8(src));
    }

    /** An 8-bit ALU operation (8 = TEST) with a constant into a byte register. */
    static void alu8RImm(Executor c, int aop, int dst, int imm) {
        alu8ToReg(c, aop, dst, imm & 0xFF);
    }

    private static void alu8ToReg(Executor c, int aop, int dst, int b) {
        int r = c.alu(aop == 8 ? 4 : aop, c.reg8(dst), b, 0);
        if (aop < 7) {
            c.setReg8(dst, r);
        }
    }

    /** CMP m8, imm8 (aop 7) and TEST m8, imm8 (aop 8): memory is only read. */
    static void cmp8MemImm(Executor c, int aop, int imm, int seg, int base, int index, int scale, int disp) {
        c.alu(aop == 8 ? 4 : 7, c.read8(c.readAddr(seg, ea(c, base, index, scale, disp), 0)), imm & 0xFF, 0);
    }
}
