package jmoo.cpu;

/**
 * One decoded instruction, cached per physical page (see {@link Mmu#codePages}) and executed
 * many times. Immutable after decoding. Memory operands are kept as their parts so the executor
 * computes {@code base + (index << scale) + disp} with the always-zero register standing in for
 * an absent base or index.
 */
final class Insn {
    /** Opcode: 0x00..0xFF one-byte, 0x100 | second byte for 0x0F xx. */
    int op;
    /** Length in bytes including prefixes. */
    int len;
    /** Operand size: 1 = 16-bit, 2 = 32-bit (byte forms use size 0 explicitly in the executor). */
    int osize;
    /** Address size 32-bit. */
    boolean a32;
    /** Segment of the memory operand (override or default) and the override alone (-1 none). */
    int seg;
    int segOverride;
    /** 0 none, 1 REP/REPE (F3), 2 REPNE (F2). */
    int rep;
    /** ModRM present and mod != 3: the r/m operand is in memory. */
    boolean mem;
    /** ModRM reg field and r/m field (r/m is a register number when !mem). */
    int reg;
    int rm;
    /** Effective address parts. */
    int base = CpuState.ZERO_REG;
    int index = CpuState.ZERO_REG;
    int scale;
    int disp;
    /** Immediates (imm2: ENTER's level, far pointers' selector). */
    int imm;
    int imm2;
    /** A specialised form for the executor's fast path ({@link FastForms}), 0 = generic. */
    int fast;
    /** Destination and source register (or ALU operation / condition) of a fast form. */
    int dst;
    int src;
    /** The instruction that follows in the same page, linked on first fall-through (see Cpu#run(long)). */
    Insn next;
    /** CS.D at decode time: a cached instruction is valid only in the same mode. */
    boolean code32;
    /** Times the run loop entered the code here by a jump (see Cpu#runChain). */
    int entries;
    /** The run here is not a loop and waits for the CPU's higher threshold for other runs. */
    boolean deferred;
    /** The compiled block starting here, {@link CompiledBlock#NONE} when not worth it, null until hot. */
    CompiledBlock block;
}
