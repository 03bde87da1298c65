package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import jmoo.devices.IoPortHandler;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * Compiled blocks (BlockCompiler) execute exactly as the interpreter does: every program here
 * runs once with compilation off and once with every block compiled at its first entry, and
 * both runs must end in the same architectural state, instruction count and EIP history.
 */
class CompiledBlockTest {
    private static final int INTERPRETED = 0, COMPILE_AT_ONCE = 1;

    @Test
    void aStoreIntoTheRunningBlockIsSeenByTheNextInstruction() {
        // The store goes to a scratch word in another page, except when ECX = 50: then it patches
        // the immediate of the MOV that follows it in the same (by then compiled) block.
        String source = "mov $100, %ecx\n xor %ebx, %ebx\n"
                + "1: cmp $50, %ecx\n sete %dl\n movzbl %dl, %edx\n imul $(2f+1-0x20000), %edx, %edx\n"
                + "add $0x20000, %edx\n movb %cl, (%edx)\n"
                + "2: mov $0, %eax\n add %eax, %ebx\n dec %ecx\n jnz 1b\n hlt";
        TestMachine[] runs = bothWays(source);
        assertEquals(50 * 50, runs[1].reg(Cpu.EBX), "from ECX = 50 on, the MOV loads the patched immediate");
    }

    @Test
    void aFaultInTheMiddleOfABlockRestartsThereAndCountsWhatRetired() {
        // #DE handler at 0x3000: counts in EDI, skips the 2-byte DIV, returns.
        String source = "movl $0x3000, 0x8000\n movl $0x8e00, 0x8004\n orl $0x100000, 0x8000\n"
                + "lidt idtr\n mov $20, %ecx\n xor %edi, %edi\n"
                + "1: mov %ecx, %eax\n and $3, %eax\n mov %eax, %ebx\n xor %edx, %edx\n mov $7, %eax\n"
                + "div %ebx\n add %eax, %esi\n dec %ecx\n jnz 1b\n hlt\n"
                + "idtr: .word 0x7ff\n .long 0x8000\n"
                + ".org 0x2000\n addl $2, (%esp)\n inc %edi\n iret";
        TestMachine[] runs = bothWays(source);
        assertEquals(5, runs[1].reg(Cpu.EDI), "one #DE for each ECX divisible by 4");
        assertEquals(0, runs[1].cpu.lastExceptionVector());
    }

    @Test
    void callsReturnsAndStackOperationsCompile() {
        String source = "push $15\n call fib\n add $4, %esp\n hlt\n"
                + "fib: mov 4(%esp), %eax\n cmp $2, %eax\n jb 9f\n push %ebx\n lea -1(%eax), %ebx\n push %ebx\n"
                + "call fib\n add $4, %esp\n dec %ebx\n push %eax\n push %ebx\n call fib\n add $4, %esp\n"
                + "pop %ebx\n add %ebx, %eax\n pop %ebx\n9: ret";
        TestMachine[] runs = bothWays(source);
        assertEquals(610, runs[1].reg(Cpu.EAX));
    }

    @Test
    void theInstructionBudgetStopsInsideAHotLoopExactly() {
        String source = "mov $1000, %ecx\n1: add %ecx, %eax\n xor %eax, %ebx\n rol $3, %ebx\n"
                + "lea 1(%eax,%ebx,2), %edx\n mov %edx, 0x20000(,%ecx,4)\n dec %ecx\n jnz 1b\n hlt";
        TestMachine slow = new TestMachine().load(source);
        TestMachine fast = new TestMachine().load(source);
        slow.cpu.setCompileThreshold(INTERPRETED);
        fast.cpu.setCompileThresholds(COMPILE_AT_ONCE, COMPILE_AT_ONCE);
        StopReason stop;
        int n = 0;
        do {
            n++;
            stop = slow.cpu.run(n % 13 + 1);
            assertEquals(stop, fast.cpu.run(n % 13 + 1));
            assertEquals(slow.cpu.instructionCount(), fast.cpu.instructionCount());
            assertEquals(slow.cpu.eip(), fast.cpu.eip(), "after " + slow.cpu.instructionCount() + " instructions");
        } while (stop == StopReason.INSTRUCTION_LIMIT);
        assertEquals(StopReason.HALTED, stop);
        assertSameState(slow.cpu, slow.mem, fast.cpu, fast.mem, "budgeted loop");
        assertTrue(fast.cpu.compiledInstructions() > 1000, "compiled blocks ran: " + fast.cpu.compiledInstructions());
    }

    @Test
    void theFormsOnlyBlocksCompileMatchTheInterpreter() {
        // Every CompiledForms form, on data that changes each round; after each group of forms
        // the flags are pushed and summed, so a flag difference shows in the state.
        String body = String.join("\n",
                "imul $0x9E3779B1, %ecx, %eax", "add %ecx, %eax", "mov %eax, %edx",
                "shl $5, %edx", "pushf", "add (%esp), %edi", "shr $3, %eax", "pushf", "add (%esp), %edi",
                "sar $7, %edx", "pushf", "add (%esp), %edi", "shl %ebx", "pushf", "add (%esp), %edi",
                "sar %ebx", "adc %eax, %ebx", "shr %eax", "sbb %edx, %esi", "add $8, %esp",
                "imul %eax, %ebx", "imul $-7, %ebx, %esi", "pushf", "add (%esp), %edi",
                "movzbl %ah, %edx", "movsbl %dl, %esi", "movzwl %ax, %ebx", "movswl %bx, %edx", "add %edx, %edi",
                "mov %ax, 0x20010", "movzwl 0x20010, %edx", "movswl 0x20010, %esi", "movsbl 0x20011, %ebx",
                "mov 0x20012, %dx", "add %esi, %edi", "add %ebx, %edi", "add %edx, %edi",
                "movb $0x5a, 0x20013", "neg %eax", "pushf", "add (%esp), %edi", "not %eax", "test $0x10000, %eax",
                "pushf", "add (%esp), %edi", "test %ax, %dx", "pushf", "add (%esp), %edi", "add $20, %esp",
                "add %bl, %dh", "adc %ah, %al", "sub %dl, %bl", "sbb %bh, %ch", "xor %al, %cl", "and %dh, %bl",
                "or %ah, %bh", "cmp %al, %bl", "pushf", "add (%esp), %edi", "test %cl, %dl", "pushf", "add (%esp), %edi",
                "add $7, %al", "sub $3, %bl", "cmp $0x80, %dl", "pushf", "add (%esp), %edi", "test $0x81, %al",
                "pushf", "add (%esp), %edi", "testb $4, %ch", "cmpb $0x5a, 0x20013", "pushf", "add (%esp), %edi",
                "testb $0x40, 0x20013", "pushf", "add (%esp), %edi", "add $24, %esp",
                "add %eax, %edi", "add %ebx, %edi", "add %edx, %edi", "add %esi, %edi");
        String source = "movl $300, 0x20020\n mov $12345, %ecx\n xor %edi, %edi\n1:\n" + body
                + "\n add %edi, %ecx\n decl 0x20020\n jnz 1b\n hlt";
        TestMachine[] runs = bothWays(source);
        assertTrue(runs[1].cpu.compiledInstructions() > 300 * 50, "the loop body ran compiled");
    }

    @Test
    void loopsCompileAtTheThresholdOtherRunsAfterManyMoreEntries() {
        // f's body is entered by CALL and left by RET: not a loop. "dec; jnz 1b" jumps back: a loop.
        String source = "mov %s, %%ecx\n1: call f\n dec %%ecx\n jnz 1b\n hlt\n f: add $1, %%eax\n add $2, %%ebx\n ret";
        TestMachine few = new TestMachine().load(String.format(source, "$100"));
        few.cpu.setCompileThreshold(10);
        few.runToHalt();
        assertTrue(few.cpu.compiledInstructions() > 0, "the loop compiled after 10 entries");
        assertTrue(few.cpu.compiledInstructions() <= 2 * 100, "f did not: " + few.cpu.compiledInstructions());
        TestMachine many = new TestMachine().load(String.format(source, "$1000"));
        many.cpu.setCompileThreshold(10);
        many.runToHalt();
        assertTrue(many.cpu.compiledInstructions() > 2 * 1000 + 3 * 500, "f compiled after 250 entries: "
                + many.cpu.compiledInstructions());
    }

    @Test
    void portIoInsideABlockSeesTheInstructionCountAsTheInterpreterDoes() {
        // A device reads the CPU's instruction count (as virtual time does) during IN and OUT.
        String source = "mov $300, %ecx\n xor %ebx, %ebx\n1: add $3, %eax\n in $0x99, %eax\n add %eax, %ebx\n"
                + "xor %edx, %edx\n out %al, $0x99\n add %eax, %edi\n dec %ecx\n jnz 1b\n hlt";
        long[] sums = new long[2];
        TestMachine[] runs = new TestMachine[2];
        for (int mode = 0; mode < 2; mode++) {
            TestMachine m = new TestMachine();
            int which = mode;
            m.io.register(0x99, 1, new IoPortHandler() {
                @Override
                public int in(int port, int size) {
                    return (int) m.cpu.instructionCount();
                }

                @Override
                public void out(int port, int size, int value) {
                    sums[which] += m.cpu.instructionCount() * 31 + value;
                }
            });
            m.cpu.setCompileThresholds(mode == 0 ? INTERPRETED : COMPILE_AT_ONCE, mode == 0 ? INTERPRETED : COMPILE_AT_ONCE);
            m.load(source).runToHalt();
            runs[mode] = m;
        }
        assertTrue(runs[1].cpu.compiledInstructions() > 1000, "the loop ran compiled");
        assertEquals(sums[0], sums[1], "OUT saw the same instruction counts");
        assertSameState(runs[0].cpu, runs[0].mem, runs[1].cpu, runs[1].mem, "IN of the instruction count");
    }

    @Test
    void everyRepIterationEntersTheEipHistoryAsTheStringInstruction() {
        TestMachine m = new TestMachine().load("mov $0x20000, %edi\n mov $10, %ecx\n rep stosb\n hlt");
        m.runToHalt();
        int[] eips = m.cpu.recentEips();
        int rep = TestMachine.CODE + 10; // after two 5-byte MOVs
        assertEquals(13, eips.length, "2 MOVs, 10 iterations, HLT");
        for (int k = 2; k < 12; k++) {
            assertEquals(rep, eips[k], "iteration " + (k - 1));
        }
        assertEquals(rep + 2, eips[12], "HLT");
    }

    @Test
    void aReadWatchpointStopsRightAfterTheLoadEvenInACompiledLoop() {
        TestMachine m = new TestMachine().load(
                "mov $1000, %ecx\n1: add $1, %eax\n mov 0x20000, %ebx\n add %ebx, %edx\n dec %ecx\n jnz 1b\n hlt");
        m.cpu.setCompileThresholds(COMPILE_AT_ONCE, COMPILE_AT_ONCE);
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(300));
        assertTrue(m.cpu.compiledInstructions() > 0, "the loop runs compiled");
        m.cpu.debugHooks().setWatches(List.of(new DebugHooks.Watch(0x20000, 4, true, false)));
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(100_000));
        assertTrue(m.cpu.debugHooks().stopped(), "stopped for the watch");
        assertEquals(TestMachine.CODE + 14, m.cpu.eip(), "right after mov 0x20000, %ebx");
    }

    @Test
    void randomCodeRunsTheSameCompiled() {
        long compiled = 0;
        for (int seed = 0; seed < 150; seed++) {
            for (boolean user : new boolean[] {false, true}) {
                RandomCodeTest.RandomRun a = RandomCodeTest.run(seed, 20_000, user, INTERPRETED);
                RandomCodeTest.RandomRun b = RandomCodeTest.run(seed, 20_000, user, COMPILE_AT_ONCE);
                String what = "seed " + seed + (user ? " (ring 3)" : "");
                assertEquals(a.lastStop(), b.lastStop(), what);
                assertSameState(a.cpu(), a.memory(), b.cpu(), b.memory(), what);
                assertEquals(0, a.cpu().compiledInstructions(), what);
                compiled += b.cpu().compiledInstructions();
            }
        }
        assertTrue(compiled > 10_000, "random code ran in compiled blocks: " + compiled);
    }

    private static TestMachine[] bothWays(String source) {
        TestMachine a = new TestMachine();
        a.cpu.setCompileThreshold(INTERPRETED);
        a.load(source).runToHalt();
        TestMachine b = new TestMachine();
        b.cpu.setCompileThresholds(COMPILE_AT_ONCE, COMPILE_AT_ONCE);
        b.load(source).runToHalt();
        assertTrue(b.cpu.instructionCount() > 20, "the program ran");
        assertSameState(a.cpu, a.mem, b.cpu, b.mem, source);
        assertTrue(b.cpu.compiledInstructions() > 0, "compiled blocks ran");
        return new TestMachine[] {a, b};
    }

    static void assertSameState(Cpu a, PhysicalMemory am, Cpu b, PhysicalMemory bm, String what) {
        assertEquals(a.instructionCount(), b.instructionCount(), what + ": instruction count");
        assertEquals(a.eip(), b.eip(), what + ": EIP");
        for (int r = 0; r < 8; r++) {
            assertEquals(a.reg(r), b.reg(r), what + ": register " + r);
        }
        assertEquals(a.eflags(), b.eflags(), what + ": EFLAGS");
        for (int s = 0; s < 6; s++) {
            assertEquals(a.segSelector(s), b.segSelector(s), what + ": segment " + s);
        }
        for (int c : new int[] {0, 2, 3}) {
            assertEquals(a.cr(c), b.cr(c), what + ": CR" + c);
        }
        assertEquals(a.halted(), b.halted(), what + ": halted");
        assertEquals(a.lastExceptionVector(), b.lastExceptionVector(), what + ": last exception");
        assertEquals(a.lastExceptionErrorCode(), b.lastExceptionErrorCode(), what + ": last error code");
        assertEquals(a.undefinedOpcodes(), b.undefinedOpcodes(), what + ": #UD count");
        assertArrayEquals(a.recentEips(), b.recentEips(), what + ": EIP history");
        assertTrue(Arrays.equals(am.array(), bm.array()), what + ": memory");
    }
}
