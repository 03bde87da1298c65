package jmoo.cpu;

/**
 * Every piece of architectural state of the processor, in one place so that a snapshot is a
 * matter of writing these fields (the TLB and decoded-code cache are derived and are rebuilt).
 * The classes above it in the chain ({@link LazyFlags} ... {@link Cpu}) add behaviour only.
 */
abstract class CpuState {
    static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    /** Index of an always-zero pseudo register, used by effective addresses without base/index. */
    static final int ZERO_REG = 8;

    static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5, LDTR = 6, TR = 7;

    // EFLAGS bits
    static final int CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, TF = 1 << 8, IF = 1 << 9,
            DF = 1 << 10, OF = 1 << 11, IOPL = 3 << 12, NT = 1 << 14, RF = 1 << 16, VM = 1 << 17, AC = 1 << 18,
            ID = 1 << 21;
    static final int ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;
    /** The EFLAGS bits that exist on this CPU (a 486 with CPUID). */
    static final int SUPPORTED_FLAGS = ARITH_FLAGS | TF | IF | DF | IOPL | NT | RF | VM | AC | ID;

    // Descriptor attribute bits as cached in segAttr (descriptor high dword bits 8..23, shifted down by 8)
    static final int ATTR_TYPE = 0x0F, ATTR_S = 0x10, ATTR_DPL_SHIFT = 5, ATTR_P = 0x80, ATTR_DB = 0x4000,
            ATTR_G = 0x8000;
    /** Pseudo attribute bit: the segment register holds a null selector and is unusable. */
    static final int ATTR_UNUSABLE = 0x10000;

    /** General registers EAX..EDI, then the zero pseudo register. */
    final int[] regs = new int[9];
    int eip;

    /** EFLAGS except the six arithmetic flags while a lazy result is pending (see LazyFlags). */
    int flags = 2;
    /** Lazy flags: the operation that last set the arithmetic flags, its operands, result, size. */
    int lazyOp;
    int lazyA, lazyB, lazyR, lazySize;

    /** Segment registers ES..GS, LDTR, TR: selector and the descriptor cache. */
    final int[] segSel = new int[8];
    final int[] segBase = new int[8];
    /** Byte-granular effective limit. */
    final int[] segLimit = new int[8];
    /** Descriptor attributes: type, S, DPL, P, AVL, D/B, G (see ATTR_*), plus ATTR_UNUSABLE. */
    final int[] segAttr = new int[8];

    int cpl;
    int gdtBase, gdtLimit, idtBase, idtLimit;
    int cr0 = 0x10, cr2, cr3, cr4;
    final int[] dr = new int[8];

    boolean halted;
    /** Interrupts are inhibited for one instruction (after STI, MOV SS, POP SS). */
    boolean interruptShadow;
    /**
     * Derived, not state: the run loop must leave its fast inner loop before the next
     * instruction (poll interrupts, honour a shadow, a HLT, a stop request).
     */
    boolean attention;
    /** Derived: the current instruction was INT n/INT3/INTO, after which no single-step trap is due. */
    boolean softwareInterruptTaken;

    long instructionCount;
    /** Derived: the instruction count the current run may reach (REP iterations count one each). */
    long budgetEnd;
    long undefinedOpcodes;
    int lastExceptionVector = -1;
    int lastExceptionErrorCode;

    /** The ring of the last executed instruction addresses (CS base + EIP), for crash reports. */
    static final int EIP_HISTORY = 64;
    /** Indexed by instruction count modulo EIP_HISTORY. */
    final int[] eipHistory = new int[EIP_HISTORY];

    static final int CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 0x10, CR0_NE = 0x20,
            CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29, CR0_CD = 1 << 30, CR0_PG = 1 << 31;

    // Exception vectors
    static final int DE = 0, DB = 1, BP = 3, OFV = 4, BR = 5, UD = 6, NM = 7, DOUBLE_FAULT = 8, TS = 10, NP = 11,
            SSF = 12, GP = 13, PF_ = 14;

    /** The pending fault being unwound by {@link CpuFault}: vector, error code (or -1 for none). */
    int faultVector;
    int faultCode;

    /** Records a fault with an error code; use as {@code throw fault(GP, 0)}. */
    final CpuFault fault(int vector, int errorCode) {
        faultVector = vector;
        faultCode = errorCode;
        return CpuFault.INSTANCE;
    }

    /** Records a fault without an error code (#DE, #UD, #NM, ...). */
    final CpuFault fault(int vector) {
        return fault(vector, -1);
    }
}
