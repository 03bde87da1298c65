package jmoo.cpu;

/**
 * A straight run of decoded instructions compiled to one JVM method (see {@link BlockCompiler}).
 * It is attached to the {@link Insn} it starts at, so it lives and dies with that physical
 * page's decoded code. The code is position independent: every EIP it computes is relative to
 * the entry EIP it is given, because the same physical page may run at several linear
 * addresses (Linux runs its early code both identity-mapped and at PAGE_OFFSET).
 */
abstract class CompiledBlock {
    /** Stands in for "tried, not worth compiling": never runs, because no budget reaches it. */
    static final CompiledBlock NONE = marker("NONE");

    /** A block that stands for a compiler verdict: it never runs (its length exceeds every budget). */
    static CompiledBlock marker(String name) {
        return new CompiledBlock(Integer.MAX_VALUE, new int[] {0}, new Insn[0]) {
            @Override
            int run(Executor c, int entryEip) {
                throw new IllegalStateException("the " + name + " block never runs");
            }
        };
    }

    /** Number of instructions. A block runs only when at least this many may still retire. */
    final int length;
    /** Offset of each instruction from the entry EIP; {@code offsets[length]} is the end. */
    final int[] offsets;
    /** The instructions, for those the block runs through the interpreter's {@code execute}. */
    final Insn[] insns;

    CompiledBlock(int length, int[] offsets, Insn[] insns) {
        this.length = length;
        this.offsets = offsets;
        this.insns = insns;
    }

    /**
     * Runs the block from {@code entryEip} and returns the number of instructions retired: all
     * of them, or fewer when an instruction jumped, dropped decoded code of the running page,
     * or asked for the run loop's attention (the same checks as the interpreter's chain). EIP is left at the next instruction. A guest fault propagates as
     * {@link CpuFault} with {@code instrStart} at the faulting instruction.
     */
    abstract int run(Executor c, int entryEip);

    /** The index of the instruction at {@code offset} from the entry (fault path only). */
    final int indexOf(int offset) {
        for (int k = 0; k < length; k++) {
            if (offsets[k] == offset) {
                return k;
            }
        }
        throw new IllegalStateException("no instruction at block offset " + offset);
    }
}
