/**
 * The x86 processor: an i486-class CPU (integer instruction set plus CMOV and CPUID, family 4,
 * feature flags CMOV only; no FPU: ESC opcodes raise #NM when CR0.EM or CR0.TS is set and do
 * nothing otherwise) with protected mode, two-level paging and the system structures Linux uses.
 *
 * <h2>Public API (the contract with the machine and the tests)</h2>
 * {@link jmoo.cpu.Cpu}: construct with a {@link jmoo.devices.PhysicalMemory}, an
 * {@link jmoo.devices.IoBus} and an {@link jmoo.devices.InterruptSource}; read and write
 * registers ({@code reg/setReg}, {@code eip/setEip}, {@code eflags/setEflags}, segment
 * selector/base/limit, {@code cr/setCr}, {@code setGdtr/setIdtr});
 * {@code resetToFlatProtectedMode()} gives the Linux 32-bit boot protocol's entry state;
 * {@code run(n)} executes up to n instructions and returns a {@link jmoo.cpu.StopReason}
 * (INSTRUCTION_LIMIT, HALTED, TRIPLE_FAULT, SHUTDOWN_REQUESTED); counters
 * {@code instructionCount()}, {@code undefinedOpcodes()}, {@code lastExceptionVector()},
 * {@code lastExceptionErrorCode()}, {@code recentEips()} (the last 64 executed linear EIPs),
 * {@code decodedInstructions()}, {@code codePageInvalidations()}; {@code saveState}/
 * {@code restoreState} write and read the whole architectural state; {@code requestStop()}
 * makes {@code run} return SHUTDOWN_REQUESTED (callable from another thread);
 * {@code debugHooks()} sets a debugger's data watchpoints and interrupt-entry stop
 * ({@link jmoo.cpu.DebugHooks}: watched pages get no TLB entries, so only the slow path checks).
 * After {@code resetToFlatProtectedMode()} and until a GDT is loaded (LGDT or setGdtr), selectors
 * 0x10 and 0x18 name flat 32-bit code and data descriptors, so an IDT whose gates use 0x10
 * works without a GDT in memory. Anyone writing guest RAM behind the CPU's back calls
 * {@code PhysicalMemory.written(addr, len)}; the CPU is that memory's write listener.
 *
 * <h2>Architecture</h2>
 * The processor is one object whose code is split over a chain of abstract classes, each adding
 * one concern, so the hot path reads plain fields with no indirection:
 * <ol>
 * <li>{@code CpuState}: every architectural register, descriptor caches, control registers,
 *     halted flag, interrupt shadow, counters. A snapshot is a dump of these fields.</li>
 * <li>{@code LazyFlags}: arithmetic flags computed on demand from the last ALU operation.</li>
 * <li>{@code Arithmetic}: shifts/rotates, double shifts, multiply, BCD (eager flags).</li>
 * <li>{@code Mmu}: paging walk with exact #PF codes and A/D bits; a direct-mapped software TLB
 *     (4096 entries, separate supervisor/user read/write tag arrays, one compare per access);
 *     page-crossing accesses translate both pages before writing anything.</li>
 * <li>{@code Segments}: limit/type checks with a per-segment one-compare fast path, descriptor
 *     loads with privilege checks, stack primitives.</li>
 * <li>{@code Decoder}: table-driven decoding of one instruction into an {@code Insn}.</li>
 * <li>{@code ControlTransfer}: interrupt/exception delivery through IDT gates (with the TSS
 *     stack switch), IRET, far JMP/CALL/RET, call gates, task switches.</li>
 * <li>{@code Executor} (+ {@code System0F}): executes an {@code Insn}; the opcode switch is split
 *     by range to stay under HotSpot's 8000-bytecode limit.</li>
 * <li>{@code Cpu}: the public API and the run loop.</li>
 * </ol>
 * Beside the chain: {@code FastOps} (the semantics of the frequent forms, shared by the
 * interpreter's fast path and compiled blocks), {@code BlockCompiler}/{@code CompiledBlock}/
 * {@code CompiledForms} (compiled blocks, below).
 *
 * <p><b>Compiled blocks.</b> When the run loop has entered an instruction by a jump
 * {@code setCompileThreshold} times (default 2000, {@code -Djmoo.jit.threshold=N},
 * {@code -Djmoo.jit=off}) if the run ends in a backward jump (a loop), 25 times as often
 * otherwise, the straight run from there (the interpreter's fall-through links, up
 * to the first jump, call or return, at most 64 instructions, no REP) is compiled with ASM into
 * one JVM method in a hidden class: frequent forms become {@code FastOps} calls with constant
 * operands, which HotSpot inlines and folds; any other instruction calls the interpreter's
 * {@code execute} from inside the block, with EIP, {@code instrStart} and the instruction count
 * set as the interpreter would have them (devices read the count as virtual time during IN/OUT).
 * A block runs only when the instruction budget covers all of it, so {@code run(n)} still stops after exactly n; it leaves early, exactly where the
 * interpreter's chain would end (a taken jump, a store that dropped the running page's code,
 * anything asking for attention), and on a fault restores {@code instrStart} and counts what
 * retired. Block code is position independent (EIPs relative to the entry) and block classes
 * are cached by their class file, so code decoded again reuses HotSpot's machine code.
 * Execution is identical with and without blocks ({@code CompiledBlockTest} compares the whole
 * state; {@code CompiledBlocksReplayTest} replays the shipped guest both ways); only speed
 * differs. No blocks run while a data watchpoint is set.
 *
 * <p><b>Decoded-code cache.</b> Instructions are decoded once and kept per physical page
 * ({@code Mmu.codePages[page][offset]}). The run loop keeps the current fetch page, so the
 * common case is one compare and an array load. A page holding decoded code never gets a
 * write entry in the TLB, so every write to it takes the slow path, which drops the page's
 * decoded instructions (self-modifying code works); DMA and loader writes arrive through the
 * memory's write listener. Instructions crossing a page boundary are not cached.
 *
 * <p><b>Faults.</b> A guest exception unwinds the current instruction with the single,
 * preallocated, stackless {@code CpuFault} (thrown only on the fault path). The run loop
 * restores EIP to the faulting instruction and delivers the exception, escalating to #DF
 * (contributory/page-fault rules) and to a triple fault, which {@code run} reports as
 * {@code TRIPLE_FAULT}. Multi-step transfers (interrupt entry, IRET, far calls, ENTER, PUSHA)
 * roll back the stack pointer and segment state when they fault part-way.
 *
 * <p><b>Interrupts.</b> Between instructions, when IF=1 and no STI/MOV SS shadow is pending,
 * an interrupt from the {@code InterruptSource} is acknowledged and delivered; HLT returns
 * {@code HALTED} from {@code run} until one arrives. The source is polled when {@code run} is
 * entered, after every port I/O instruction and whenever IF may have become 1 (STI, POPF, IRET,
 * task switch): a device changes its request only from port I/O or between calls of run.
 * Each iteration of a REP string instruction retires as one instruction ({@code run(n)} stops
 * after exactly n, possibly in the middle of a REP, which then resumes at the same EIP);
 * at most 4096 iterations run between interrupt checks. REP MOVS/STOS copy or fill a page at
 * a time when the TLB and segment checks allow.
 *
 * <p>Real mode and virtual-8086 mode are not implemented (CS/segment loads in real mode only
 * set bases); nothing in the design rules them out.
 */
package jmoo.cpu;
