package jmoo.cpu.diff;

import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * Runs a case's instruction on jmoo's {@link Cpu} from the flat protected-mode state, with a GDT
 * and an IDT whose 32 exception gates lead to HLT handlers, so any exception the emulator raises is
 * visible as the handler it halted in. The data window appears at the host's linear address when
 * that fits in guest RAM, else segment bases (DS, ES, SS, FS, GS) shift the host's offsets onto it.
 */
final class EmulatorX86 {
    static final int RAM_BYTES = 8 << 20;
    static final int GDT = 0x0800;
    static final int IDT = 0x1000;
    static final int HANDLERS = 0x2000;
    static final int CODE = 0x3000;
    static final int CODE_PAGE_END = 0x5000;
    static final int PAGE_DIRECTORY = 0x9000;
    static final int PAGE_TABLES = 0xA000;
    static final int WINDOW_REMAP = 0x10_0000;
    static final int STACK_TOP = 0x7000;
    static final int CODE_SELECTOR = 0x10;
    static final int OTHER_CODE_SELECTOR = 0x20;
    static final int OTHER_CODE_BASE = 0x10000;
    private static final int FALLBACK_WINDOW_PAGE = 0x0060_8000;
    /** Instructions run before a case that has not reached its end is declared stuck. */
    private static final int STEP_CAP = 200;

    /** What the emulator did with one case. */
    static final class Outcome {
        final MachineState state;
        final int eip;
        final int esp;
        final StopReason stop;
        /** Exception vector whose handler the CPU halted in, -1 when it reached the end normally. */
        final int vector;
        final int errorCode;
        final int steps;
        /** Where the case's code started and ended in the guest. */
        final int code;
        final int end;

        Outcome(MachineState state, int eip, int esp, StopReason stop, int vector, int errorCode, int steps, int code,
                int end) {
            this.code = code;
            this.end = end;
            this.state = state;
            this.eip = eip;
            this.esp = esp;
            this.stop = stop;
            this.vector = vector;
            this.errorCode = errorCode;
            this.steps = steps;
        }
    }

    private final PhysicalMemory memory = new PhysicalMemory(RAM_BYTES);
    private final IoBus io = new IoBus();
    /** Linear address of the window in the guest. */
    private final int windowGuest;
    /** Physical address of the window: the linear one, or 1 MiB above it with paging. */
    private final int windowPhysical;
    private final boolean paging;
    private final int segmentShift;
    private Cpu cpu;
    private int currentBase;

    /**
     * @param paging run with CR0.PG set: identity page tables except for the window's pages, which
     *               map 1 MiB higher, so every data access goes through the TLB and a confusion of
     *               linear and physical addresses shows
     */
    EmulatorX86(long hostWindow, boolean paging) {
        this.paging = paging;
        boolean identity = hostWindow + NativeX86.WINDOW <= RAM_BYTES;
        // same offset in its page as the host's, so window page boundaries fall at the same offsets
        windowGuest = identity ? (int) hostWindow : FALLBACK_WINDOW_PAGE + (int) (hostWindow & 0xFFF);
        segmentShift = windowGuest - (int) hostWindow;
        windowPhysical = paging ? windowGuest + WINDOW_REMAP : windowGuest;
        if (paging) {
            writePageTables();
        }
        installDescriptorTables(memory);
    }

    /**
     * Writes the GDT (0x10 flat code, 0x18 flat data, 0x20 code based at {@link #OTHER_CODE_BASE})
     * and an IDT whose 32 exception gates lead to a HLT at {@code HANDLERS + vector}.
     */
    static void installDescriptorTables(PhysicalMemory memory) {
        memory.write32(GDT + 0x10, 0x0000FFFF);
        memory.write32(GDT + 0x14, 0x00CF9A00); // flat 32-bit code, DPL 0
        memory.write32(GDT + 0x18, 0x0000FFFF);
        memory.write32(GDT + 0x1C, 0x00CF9200); // flat data, DPL 0
        memory.write32(GDT + 0x20, (OTHER_CODE_BASE & 0xFFFF) << 16 | 0xFFFF);
        memory.write32(GDT + 0x24, OTHER_CODE_BASE >>> 16 & 0xFF | 0x00CF9A00); // 32-bit code, base 0x10000
        for (int v = 0; v < 32; v++) {
            int handler = HANDLERS + v;
            memory.write32(IDT + 8 * v, CODE_SELECTOR << 16 | handler & 0xFFFF);
            memory.write32(IDT + 8 * v + 4, handler & 0xFFFF0000 | 0x8E00); // present 32-bit interrupt gate
            memory.write8(handler, 0xF4); // hlt
        }
        memory.written(0, CODE);
    }

    private void writePageTables() {
        int firstWindowPage = windowGuest >>> 12;
        int lastWindowPage = windowGuest + NativeX86.WINDOW - 1 >>> 12;
        for (int table = 0; table < RAM_BYTES >>> 22; table++) {
            memory.write32(PAGE_DIRECTORY + 4 * table, PAGE_TABLES + 0x1000 * table | 7); // present, writable, user
        }
        for (int page = 0; page < RAM_BYTES >>> 12; page++) {
            boolean window = page >= firstWindowPage && page <= lastWindowPage;
            memory.write32(PAGE_TABLES + 4 * page, (page << 12) + (window ? WINDOW_REMAP : 0) | 7);
        }
        memory.written(PAGE_DIRECTORY, 0x1000 + (RAM_BYTES >>> 10));
    }

    private Cpu newProcessor() {
        Cpu c = newCpu(memory, io);
        if (paging) {
            c.setCr(3, PAGE_DIRECTORY);
            c.setCr(0, c.cr(0) | 0x8000_0000);
        }
        return c;
    }

    /** A CPU in the flat protected-mode start state with the tables of {@link #installDescriptorTables}. */
    static Cpu newCpu(PhysicalMemory memory, IoBus io) {
        InterruptSource none = new InterruptSource() {
            @Override
            public boolean hasInterrupt() {
                return false;
            }

            @Override
            public int acknowledgeInterrupt() {
                throw new IllegalStateException("no interrupt source in CPU unit tests");
            }
        };
        Cpu c = new Cpu(memory, io, none);
        c.resetToFlatProtectedMode();
        c.setGdtr(GDT, 0x27);
        c.setIdtr(IDT, 32 * 8 - 1);
        return c;
    }

    private void setDataSegmentBases(int base) {
        if (base != currentBase) {
            for (int seg : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
                cpu.setSegmentBase(seg, base);
            }
            currentBase = base;
        }
    }

    /**
     * Where a case's code goes: {@link #CODE}, or for one case in four straddling the page boundary
     * at {@link #CODE_PAGE_END}, so instruction fetch crosses pages (chosen from the case's seed).
     */
    static int codeAddress(DiffCase c) {
        int len = c.bytes.length;
        if (len < 2 || Math.floorMod(c.seed >>> 17, 4) != 0) {
            return CODE;
        }
        return CODE_PAGE_END - 1 - (int) Math.floorMod(c.seed >>> 23, (long) len - 1);
    }

    /** Runs the case's bytes until EIP reaches their end, an exception, or the step cap. */
    Outcome run(DiffCase c) {
        if (cpu != null) {
            cpu.setEip(CODE);
            if (cpu.halted()) {
                cpu = null; // still in HLT after the previous pair: the API does not promise a way out
            }
        }
        if (cpu == null) {
            cpu = newProcessor();
            currentBase = 0;
        }
        setDataSegmentBases(c.segmentBase != null ? c.segmentBase + segmentShift : segmentShift);
        byte[] ram = memory.array();
        int code = codeAddress(c);
        System.arraycopy(c.bytes, 0, ram, code, c.bytes.length);
        ram[code + c.bytes.length] = (byte) 0xF4; // hlt: stops a CPU that runs past the end
        memory.written(code, c.bytes.length + 1);
        System.arraycopy(c.in.window, 0, ram, windowPhysical, NativeX86.WINDOW);
        memory.written(windowPhysical, NativeX86.WINDOW);
        memory.write32(STACK_TOP - 4, 0);
        memory.write32(STACK_TOP - 8, 0);
        memory.write32(STACK_TOP - 12, 0);
        int esp = initialEsp();
        for (int r = 0; r < 8; r++) {
            cpu.setReg(r, r == Cpu.ESP ? esp : c.in.regs[r]);
        }
        cpu.setEflags(c.in.eflags & Flags.TESTED | 2);
        cpu.setEip(code);
        int end = code + c.bytes.length;
        StopReason stop = StopReason.INSTRUCTION_LIMIT;
        int steps = 0;
        if (c.runsAsBlock()) {
            // one run() over all instructions and the HLT after them: they execute as one block
            stop = cpu.run(STEP_CAP);
            steps = -1;
        } else {
            while (cpu.eip() != end && steps < STEP_CAP && stop == StopReason.INSTRUCTION_LIMIT) {
                stop = cpu.run(1);
                steps++;
            }
        }
        int vector = -1;
        int errorCode = 0;
        int eip = cpu.eip();
        if (stop == StopReason.HALTED && eip > HANDLERS && eip <= HANDLERS + 32) {
            vector = eip - HANDLERS - 1;
            errorCode = cpu.lastExceptionErrorCode();
        }
        if (c.runsAsBlock() && stop == StopReason.HALTED && eip == end + 1) {
            stop = StopReason.INSTRUCTION_LIMIT; // reached the HLT after the pair: completed
            eip = end;
        }
        MachineState out = new MachineState();
        for (int r = 0; r < 8; r++) {
            out.regs[r] = cpu.reg(r);
        }
        out.eflags = cpu.eflags();
        System.arraycopy(ram, windowPhysical, out.window, 0, NativeX86.WINDOW);
        Outcome o = new Outcome(out, eip, out.regs[Cpu.ESP], stop, vector, errorCode, steps, code, end);
        if (stop != StopReason.INSTRUCTION_LIMIT || eip != end) {
            cpu = null; // start the next case from a clean processor
        }
        return o;
    }

    /**
     * ESP for the current case: the stack top is linear {@link #STACK_TOP} whatever base SS has
     * (16-bit addressing cases move it), so an exception frame never lands in the data window.
     */
    int initialEsp() {
        return STACK_TOP - currentBase;
    }

    /** Reads a dword of the guest stack at offset {@code esp} of SS (after an exception: EIP, CS, EFLAGS). */
    int stackDword(int esp) {
        return memory.read32(currentBase + esp);
    }
}
