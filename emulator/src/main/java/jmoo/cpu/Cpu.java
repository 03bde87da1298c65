package jmoo.cpu;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * An i486-class x86 processor (protected mode, paging, CMOV and CPUID). The public API is the
 * contract described in package-info; everything else in the package is internal.
 */
public final class Cpu extends Executor {
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    private volatile boolean stopRequested;

    public Cpu(PhysicalMemory memory, IoBus io, InterruptSource interrupts) {
        super(memory, io, interrupts);
        for (int s = 0; s < 8; s++) {
            setSegmentCache(s, 0, 0, 0xFFFF, s == CS ? 0x9B : s < 6 ? 0x93 : s == LDTR ? 0x82 : 0x8B);
        }
        System0F.writeDebug(this, 6, 0);
        System0F.writeDebug(this, 7, 0);
    }

    // ---- registers ----

    public int reg(int index) {
        return regs[index];
    }

    public void setReg(int index, int value) {
        regs[index] = value;
    }

    public int eip() {
        return eip;
    }

    public void setEip(int value) {
        eip = value;
        halted = false;
    }

    public int eflags() {
        return readEflags();
    }

    public void setEflags(int value) {
        lazyOp = L_NONE;
        flags = (value & SUPPORTED_FLAGS) | 2;
        attention = true;
    }

    public int segSelector(int seg) {
        return segSel[seg];
    }

    public int segBase(int seg) {
        return segBase[seg];
    }

    public int segLimit(int seg) {
        return segLimit[seg];
    }

    /** Test hook: changes a cached segment base only (as if loaded from a descriptor with that base). */
    public void setSegmentBase(int seg, int base) {
        segBase[seg] = base;
        refreshSegment(seg);
    }

    public int cr(int n) {
        return System0F.readCr(this, n);
    }

    /** Writes CRn with the side effects of MOV CRn (TLB flush, mode change). */
    public void setCr(int n, int value) {
        System0F.writeCr(this, n, value);
    }

    public void setGdtr(int base, int limit) {
        gdtBase = base;
        gdtLimit = limit & 0xFFFF;
        bootGdt = false;
    }

    public void setIdtr(int base, int limit) {
        idtBase = base;
        idtLimit = limit & 0xFFFF;
    }

    /** A debugger's watchpoints and interrupt-entry stop (see DebugHooks). */
    public DebugHooks debugHooks() {
        return debugHooks;
    }

    public int cpl() {
        return cpl;
    }

    /**
     * Protected mode (CR0.PE=1, paging off), CPL 0, CS = flat 32-bit code (selector 0x10),
     * DS/ES/SS/FS/GS = flat 32-bit data (selector 0x18), EFLAGS = 0x2.
     */
    public void resetToFlatProtectedMode() {
        cr0 = CR0_PE | CR0_ET;
        cr2 = 0;
        cr3 = 0;
        cr4 = 0;
        gdtBase = 0;
        gdtLimit = 0;
        bootGdt = true;
        setCpl(0);
        setSegmentCache(CS, 0x10, 0, -1, 0x9B | ATTR_DB | ATTR_G);
        for (int s : new int[] {ES, SS, DS, FS, GS}) {
            setSegmentCache(s, 0x18, 0, -1, 0x93 | ATTR_DB | ATTR_G);
        }
        setSegmentCache(LDTR, 0, 0, 0, ATTR_UNUSABLE);
        setSegmentCache(TR, 0, 0, 0xFFFF, 0x8B);
        lazyOp = L_NONE;
        flags = 2;
        halted = false;
        interruptShadow = false;
        flushTlb();
    }

    // ---- running ----

    /**
     * Jump entries into an instruction before the straight run starting there is compiled to
     * JVM code (see BlockCompiler); 0 never compiles. Execution is the same either way: only
     * the speed differs. Default from {@code -Djmoo.jit.threshold=N} ({@code -Djmoo.jit=off}: 0).
     */
    public void setCompileThreshold(int entries) {
        int loops = Math.max(0, Math.min(entries, MAX_THRESHOLD));
        setCompileThresholds(loops, loops * NON_LOOP_FACTOR);
    }

    /** Entries before a loop and before any other run is compiled (tests compile all at once). */
    void setCompileThresholds(int loops, int others) {
        compileThreshold = loops;
        otherCompileThreshold = Math.max(loops, others);
    }

    private static final int MAX_THRESHOLD = 1 << 24;

    /** Asks {@link #run} to return {@link StopReason#SHUTDOWN_REQUESTED} before the next instruction. */
    public void requestStop() {
        stopRequested = true;
        attention = true;
    }

    /** The default of {@link #setCompileThreshold}. */
    static final int DEFAULT_COMPILE_THRESHOLD = "off".equals(System.getProperty("jmoo.jit"))
            ? 0 : Integer.getInteger("jmoo.jit.threshold", 2000);
    private int compileThreshold;
    private int otherCompileThreshold;

    {
        setCompileThreshold(DEFAULT_COMPILE_THRESHOLD);
    }

    /** Instructions run between polls of the stop request when nothing else needs attention. */
    private static final int BATCH = 4096;

    /**
     * Runs until maxInstructions more instructions retired, HLT, or a stop event.
     *
     * <p>The {@link InterruptSource} is polled when run is entered, after every port I/O
     * instruction and whenever IF may have become 1 (STI, POPF, IRET, task switch): a device
     * changes its interrupt request only from port I/O or between calls of run, which keeps the
     * polling off the hot path. Hot loop: instructions run in batches with one flag test each.
     */
    public StopReason run(long maxInstructions) {
        long target = instructionCount + maxInstructions;
        attention = true;
        debugHooks.stopped = false;
        for (;;) {
            try {
                for (;;) {
                    if (stopRequested) {
                        stopRequested = false;
                        return StopReason.SHUTDOWN_REQUESTED;
                    }
                    if (instructionCount >= target) {
                        return StopReason.INSTRUCTION_LIMIT;
                    }
                    if (attention) {
                        attention = false;
                        if (debugHooks.stopped) {
                            return StopReason.INSTRUCTION_LIMIT; // a watch hit (DebugHooks)
                        }
                        if (interruptShadow) {
                            interruptShadow = false;
                            attention = true;
                            if (halted) {
                                return StopReason.HALTED;
                            }
                            if ((flags & TF) != 0) {
                                stepTraced();
                            } else {
                                step();
                            }
                            continue;
                        }
                        if ((flags & IF) != 0 && interrupts.hasInterrupt()) {
                            StopReason r = hardwareInterrupt();
                            if (r != null) {
                                return r;
                            }
                            if (debugHooks.interruptEntered()) {
                                return StopReason.INSTRUCTION_LIMIT;
                            }
                        }
                    }
                    if (halted) {
                        attention = true;
                        return StopReason.HALTED;
                    }
                    if ((flags & TF) != 0) {
                        attention = true;
                        stepTraced();
                        continue;
                    }
                    if (debugHooks.breaking) { // a debugger's code breakpoints: one instruction at a time
                        if (debugHooks.breaksAt(eip, instructionCount)) {
                            debugHooks.stopped = true;
                            attention = true;
                            return StopReason.INSTRUCTION_LIMIT;
                        }
                        attention = true;
                        step();
                        continue;
                    }
                    long end = Math.min(target, instructionCount + BATCH);
                    while (instructionCount < end && !attention) {
                        runChain(end);
                    }
                }
            } catch (CpuFault f) {
                eip = instrStart;
                attention = true;
                softwareInterruptTaken = false;
                StopReason r = deliverException(faultVector, faultCode);
                if (r != null) {
                    return r;
                }
                instructionCount++; // the faulting instruction counts as retired (progress is guaranteed)
            }
        }
    }

    private void step() {
        runChain(instructionCount + 1);
    }

    /**
     * Executes instructions until {@code end} or anything that needs the run loop's attention.
     * Hot path: the first instruction comes from the decoded-code cache; after it, while control
     * falls through to the next instruction in the same page, the chain of {@code Insn.next}
     * links (made on first use) is followed without cache lookups. A write to the page, a TLB
     * flush or a CS/CPL change resets {@code fetchLinPage} and ends the chain.
     */
    private void runChain(long end) {
        budgetEnd = end;
        int e = eip;
        instrStart = e; // a fault while fetching restarts here
        int csBase = segBase[CS];
        int lin = csBase + e;
        Insn in;
        if (lin >>> 12 == fetchLinPage) {
            in = fetchInsns[lin & 0xFFF];
            if (in == null || in.code32 != code32) {
                in = decodeInto(lin);
            }
        } else {
            in = fetchSlow(lin);
        }
        int page = lin >>> 12;
        CompiledBlock block = in.block;
        if (block != null) {
            if (end - instructionCount >= block.length && !debugHooks.watching) {
                runBlock(block, e, csBase);
                return;
            }
        } else if (compileThreshold > 0 && ++in.entries >= compileThreshold) {
            compileAt(in);
        }
        for (;;) {
            instrStart = e;
            eipHistory[(int) instructionCount & (EIP_HISTORY - 1)] = csBase + e;
            int next = code32 ? e + in.len : (e + in.len) & 0xFFFF;
            eip = next;
            execute(in);
            instructionCount++;
            if (eip != next || attention || instructionCount >= end || fetchLinPage != page) {
                return;
            }
            Insn nx = in.next;
            if (nx == null) {
                int nlin = csBase + next;
                if (nlin >>> 12 != page) {
                    return;
                }
                nx = fetchInsns[nlin & 0xFFF];
                if (nx == null || nx.code32 != code32) {
                    return;
                }
                in.next = nx;
            }
            e = next;
            in = nx;
        }
    }

    /**
     * By default a run that is not a loop is compiled only after NON_LOOP_FACTOR times the threshold:
     * every block costs HotSpot a C1 and a C2 compilation, and until C2 has compiled it, it runs
     * slower than the interpreter (measured on a guest's disk phases, which run thousands of
     * lukewarm kernel blocks: the interpreter alone was faster). Loops repay it quickly.
     */
    static final int NON_LOOP_FACTOR = 25;

    private void compileAt(Insn in) {
        CompiledBlock block = BlockCompiler.compile(in, !in.deferred);
        if (block == null) {
            in.entries = 0; // the interpreter has not linked the run yet: try again later
        } else if (block == BlockCompiler.DEFERRED) {
            in.deferred = true;
            in.entries = compileThreshold - otherCompileThreshold;
        } else {
            in.block = block;
        }
    }

    private long compiledInstructions;

    /**
     * Runs a compiled block (see {@link BlockCompiler}) and accounts for it as the interpreter
     * would: the retired instructions are counted and enter the EIP history, and after a fault
     * only the instructions before the faulting one count.
     */
    private void runBlock(CompiledBlock block, int e, int csBase) {
        long start = instructionCount;
        int retired;
        try {
            retired = block.run(this, e);
        } catch (CpuFault f) {
            int k = block.indexOf(instrStart - e);
            instructionCount = start + k;
            recordBlockHistory(block, start, csBase + e, k + 1);
            throw f;
        }
        instructionCount = start + retired;
        compiledInstructions += retired;
        recordBlockHistory(block, start, csBase + e, retired);
    }

    /**
     * Compiled blocks do not write the per-instruction EIP history; each run is logged here
     * instead (first instruction count, linear entry, offsets, instructions counted), and
     * {@link #recentEips} lays the logged runs over the interpreter's history. A block has at
     * most EIP_HISTORY instructions, so EIP_HISTORY runs always cover the window.
     */
    private final long[] blockLogStart = new long[EIP_HISTORY];
    private final int[] blockLogLin = new int[EIP_HISTORY];
    private final int[][] blockLogOffsets = new int[EIP_HISTORY][];
    private final int[] blockLogCount = new int[EIP_HISTORY];
    private int blockLogNext;

    private void recordBlockHistory(CompiledBlock block, long start, int lin, int count) {
        int k = blockLogNext++ & (EIP_HISTORY - 1);
        blockLogStart[k] = start;
        blockLogLin[k] = lin;
        blockLogOffsets[k] = block.offsets;
        blockLogCount[k] = count;
    }

    private void clearBlockLog() {
        Arrays.fill(blockLogCount, 0);
    }

    /** One instruction with EFLAGS.TF set: a single-step #DB trap follows it (not after INT n). */
    private void stepTraced() {
        softwareInterruptTaken = false;
        step();
        if (!softwareInterruptTaken) {
            dr[6] |= 1 << 14;
            lastExceptionVector = DB;
            lastExceptionErrorCode = -1;
            interrupt(DB, false, -1);
        }
        softwareInterruptTaken = false;
    }

    private Insn fetchSlow(int lin) {
        if (Integer.compareUnsigned(eip, segLimit[CS]) > 0) {
            throw fault(GP, 0);
        }
        int t = (lin >>> 12) & TLB_MASK;
        int phys = rTag[t] == lin >>> 12 ? lin + rAdd[t] : translate(lin, false, cpl == 3);
        int page = phys >>> 12;
        if (Integer.compareUnsigned(page, ramPages) >= 0) {
            return decode(lin); // executing outside RAM: nothing to cache
        }
        if (invalidationRun[page] >= THRASH_RUN) {
            if (instructionCount - lastInvalidation[page] < UNCACHED_SPAN) {
                return decode(lin); // a thrashing page: run it uncached (see Mmu)
            }
            invalidationRun[page] = 0;
        }
        fetchInsns = codePage(page);
        fetchPhysPage = page;
        fetchLinPage = lin >>> 12;
        Insn in = fetchInsns[lin & 0xFFF];
        if (in == null || in.code32 != code32) {
            in = decodeInto(lin);
        }
        return in;
    }

    private Insn decodeInto(int lin) {
        Insn[] page = fetchInsns;
        Insn in = decode(lin);
        if ((lin & 0xFFF) + in.len <= 0x1000 && page == fetchInsns && lin >>> 12 == fetchLinPage) {
            page[lin & 0xFFF] = in;
        }
        return in;
    }

    private static boolean contributory(int v) {
        return v == DE || (v >= TS && v <= GP);
    }

    /** Delivers an exception, escalating to #DF and triple fault as the hardware does. */
    private StopReason deliverException(int vector, int code) {
        halted = false;
        for (;;) {
            lastExceptionVector = vector;
            lastExceptionErrorCode = code;
            try {
                interrupt(vector, false, code);
                return null;
            } catch (CpuFault f) {
                int second = faultVector;
                if (vector == DOUBLE_FAULT) {
                    return StopReason.TRIPLE_FAULT;
                }
                if ((contributory(vector) && contributory(second)) || (vector == PF_ && (second == PF_ || contributory(second)))) {
                    vector = DOUBLE_FAULT;
                    code = 0;
                } else {
                    vector = second;
                    code = faultCode;
                }
            }
        }
    }

    private StopReason hardwareInterrupt() {
        int vector = interrupts.acknowledgeInterrupt() & 0xFF;
        halted = false;
        try {
            interrupt(vector, false, -1);
            return null;
        } catch (CpuFault f) {
            return deliverException(faultVector, faultCode);
        }
    }

    // ---- snapshots ----

    private static final int STATE_MAGIC = 0x6A435055; // "jCPU"
    private static final int STATE_VERSION = 1;

    /**
     * Writes the complete architectural state (registers, descriptor caches, control and debug
     * registers, halted/shadow, counters). Derived structures (TLB, decoded code) are not saved.
     */
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        for (int r = 0; r < 8; r++) {
            out.writeInt(regs[r]);
        }
        out.writeInt(eip);
        out.writeInt(readEflags());
        for (int s = 0; s < 8; s++) {
            out.writeInt(segSel[s]);
            out.writeInt(segBase[s]);
            out.writeInt(segLimit[s]);
            out.writeInt(segAttr[s]);
        }
        out.writeInt(cpl);
        out.writeInt(gdtBase);
        out.writeInt(gdtLimit);
        out.writeInt(idtBase);
        out.writeInt(idtLimit);
        out.writeBoolean(bootGdt);
        out.writeInt(cr0);
        out.writeInt(cr2);
        out.writeInt(cr3);
        out.writeInt(cr4);
        for (int d = 0; d < 8; d++) {
            out.writeInt(dr[d]);
        }
        out.writeBoolean(halted);
        out.writeBoolean(interruptShadow);
        out.writeLong(instructionCount);
        out.writeLong(undefinedOpcodes);
        out.writeInt(lastExceptionVector);
        out.writeInt(lastExceptionErrorCode);
    }

    /** Restores a state written by {@link #saveState}; drops the TLB and all decoded code. */
    public void restoreState(DataInput in) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != STATE_MAGIC || version != STATE_VERSION) {
            throw new IOException(String.format("CPU state: offset 0: expected magic %08x version %d, found %08x version %d",
                    STATE_MAGIC, STATE_VERSION, magic, version));
        }
        for (int r = 0; r < 8; r++) {
            regs[r] = in.readInt();
        }
        eip = in.readInt();
        lazyOp = L_NONE;
        flags = (in.readInt() & SUPPORTED_FLAGS) | 2;
        for (int s = 0; s < 8; s++) {
            segSel[s] = in.readInt();
            segBase[s] = in.readInt();
            segLimit[s] = in.readInt();
            segAttr[s] = in.readInt();
        }
        cpl = in.readInt() & 3;
        gdtBase = in.readInt();
        gdtLimit = in.readInt();
        idtBase = in.readInt();
        idtLimit = in.readInt();
        bootGdt = in.readBoolean();
        cr0 = in.readInt();
        cr2 = in.readInt();
        cr3 = in.readInt();
        cr4 = in.readInt();
        for (int d = 0; d < 8; d++) {
            dr[d] = in.readInt();
        }
        halted = in.readBoolean();
        interruptShadow = in.readBoolean();
        instructionCount = in.readLong();
        undefinedOpcodes = in.readLong();
        lastExceptionVector = in.readInt();
        lastExceptionErrorCode = in.readInt();
        for (int s = 0; s < 6; s++) {
            refreshSegment(s);
        }
        clearBlockLog();
        selectTlb();
        flushTlb();
        invalidateCode(0, memory.size());
        attention = true;
    }

    // ---- counters and state for tests and crash reports ----

    public long instructionCount() {
        return instructionCount;
    }

    public boolean halted() {
        return halted;
    }

    public long undefinedOpcodes() {
        return undefinedOpcodes;
    }

    /** Instructions decoded so far (each decoded instruction is cached until its page is written). */
    public long decodedInstructions() {
        return decodedInstructions;
    }

    /** Instructions retired inside compiled blocks (the rest ran in the interpreter). */
    public long compiledInstructions() {
        return compiledInstructions;
    }

    /** Times a write (by the CPU or a device) dropped a page's decoded instructions. */
    public long codePageInvalidations() {
        return codePageInvalidations;
    }

    public int lastExceptionVector() {
        return lastExceptionVector;
    }

    public int lastExceptionErrorCode() {
        return lastExceptionErrorCode;
    }

    /** The linear addresses (CS base + EIP) of the last executed instructions, oldest first. */
    public int[] recentEips() {
        int n = (int) Math.min(instructionCount, EIP_HISTORY);
        int[] out = new int[n];
        long first = instructionCount - n;
        for (int k = 0; k < n; k++) {
            out[k] = eipHistory[(int) (first + k) & (EIP_HISTORY - 1)];
        }
        for (int b = 0; b < EIP_HISTORY; b++) {
            for (int j = 0; j < blockLogCount[b]; j++) {
                long at = blockLogStart[b] + j;
                if (at >= first && at < instructionCount) {
                    out[(int) (at - first)] = blockLogLin[b] + blockLogOffsets[b][j];
                }
            }
        }
        return out;
    }
}
