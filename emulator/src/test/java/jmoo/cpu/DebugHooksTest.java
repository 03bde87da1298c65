package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The debugger's hooks: data watchpoints stop run() after the accessing instruction; interrupt entry stops. */
class DebugHooksTest {
    private static DebugHooks.Watch writes(int address, int length) {
        return new DebugHooks.Watch(address, length, false, true);
    }

    private static DebugHooks.Watch reads(int address, int length) {
        return new DebugHooks.Watch(address, length, true, false);
    }

    @Test
    void aBreakpointStopsTheRunBeforeItsInstructionAndAContinueFromThereMovesOn() {
        // The loop body's "add" (at CODE+7) has a breakpoint: every run stops before it, once per round.
        TestMachine m = new TestMachine().load("mov $5, %ecx\n xor %eax, %eax\n1: add $2, %eax\n dec %ecx\n jnz 1b\n hlt");
        int add = TestMachine.CODE + 7;
        m.cpu.debugHooks().setBreakpoints(new int[] {add}, m.cpu.eip(), m.cpu.instructionCount());
        for (int round = 0; round < 5; round++) {
            assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(1_000));
            assertTrue(m.cpu.debugHooks().stopped(), "round " + round);
            assertEquals(add, m.cpu.eip(), "round " + round);
            assertEquals(2 + 3 * round, m.cpu.instructionCount(), "round " + round);
            assertEquals(2 * round, m.reg(Cpu.EAX), "the add has not run yet");
            m.cpu.debugHooks().setBreakpoints(new int[] {add}, m.cpu.eip(), m.cpu.instructionCount());
        }
        m.runToHalt();
        assertEquals(10, m.reg(Cpu.EAX));
        m.cpu.debugHooks().setBreakpoints(new int[0], 0, -1);
        assertFalse(m.cpu.debugHooks().breaking);
    }

    @Test
    void aWriteWatchStopsAfterTheStoringInstruction() {
        TestMachine m = new TestMachine().load("""
                mov $7, %eax
                movl $0x1234, 0x5010
                mov %eax, 0x5000
                inc %eax
                hlt""");
        m.cpu.debugHooks().setWatches(List.of(writes(0x5002, 2)));
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(100));
        assertTrue(m.cpu.debugHooks().stopped());
        assertEquals(3, m.cpu.instructionCount(), "stopped after mov %eax, 0x5000, not at the store to 0x5010");
        assertEquals(7, m.mem.read32(0x5000), "the store happened");
        DebugHooks.Hit hit = m.cpu.debugHooks().takeHit();
        assertEquals(0x5002, hit.address(), "the first watched byte the 4-byte store touched");
        assertTrue(hit.write());
        assertNull(m.cpu.debugHooks().takeHit());
        m.runToHalt();
        assertFalse(m.cpu.debugHooks().stopped());
        assertEquals(8, m.reg(Cpu.EAX));
    }

    @Test
    void aReadWatchIgnoresWritesAndTheDecoderReadingCodeInTheSamePage() {
        TestMachine m = new TestMachine().load("""
                movl $5, data
                inc %ecx
                mov data, %eax
                inc %edx
                hlt
                data: .long 0""");
        int data = TestMachine.CODE + 0x12;
        assertEquals(5, m.mem.read8(TestMachine.CODE + 6), "movl's immediate, just before data: the layout assumed");
        m.cpu.debugHooks().setWatches(List.of(reads(data, 4)));
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(100));
        assertEquals(3, m.cpu.instructionCount(), "the store and the fetches of code in the watched page do not hit");
        assertEquals(5, m.reg(Cpu.EAX));
        DebugHooks.Hit hit = m.cpu.debugHooks().takeHit();
        assertEquals(data, hit.address());
        assertFalse(hit.write());
        m.runToHalt();
    }

    @Test
    void settingAWatchDropsTlbEntriesAlreadyFilled() {
        TestMachine m = new TestMachine().load("""
                1: mov 0x6000, %eax
                inc %ecx
                jmp 1b""");
        m.cpu.run(30);  // the loop read 0x6000 ten times through the TLB
        m.cpu.debugHooks().setWatches(List.of(new DebugHooks.Watch(0x6000, 1, true, true)));
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(100));
        assertEquals(31, m.cpu.instructionCount());
        assertEquals(0x6000, m.cpu.debugHooks().takeHit().address());
        m.cpu.debugHooks().setWatches(List.of());
        m.cpu.run(100);
        assertEquals(131, m.cpu.instructionCount(), "no watches: no stops");
        assertFalse(m.cpu.debugHooks().stopped());
    }

    /** A loop with interrupts enabled, five instructions in, vector 0x30 pending (its handler: hlt). */
    private static TestMachine interruptPendingAfterFiveInstructions() {
        TestMachine m = new TestMachine().load("""
                sti
                1: inc %eax
                jmp 1b""");
        m.installIdt(0x20000);
        m.cpu.run(5);
        m.pendingVector = 0x30;
        return m;
    }

    @Test
    void interruptEntryStopsBeforeTheHandlersFirstInstruction() {
        TestMachine m = interruptPendingAfterFiveInstructions();
        m.cpu.debugHooks().setStopAtInterruptEntry(true);
        assertEquals(StopReason.INSTRUCTION_LIMIT, m.cpu.run(1));
        assertTrue(m.cpu.debugHooks().stopped());
        assertEquals(5, m.cpu.instructionCount(), "the delivery retired no instruction");
        assertEquals(0x20000 + 16 * 0x30, m.cpu.eip(), "at the handler's entry, its hlt not executed");
        assertFalse(m.cpu.halted());
        m.cpu.run(1);
        assertEquals(6, m.cpu.instructionCount());
        assertTrue(m.cpu.halted(), "the next step ran the handler's hlt");
    }

    @Test
    void withoutTheInterruptEntryStopOneStepDeliversAndRunsTheHandlersFirstInstruction() {
        TestMachine m = interruptPendingAfterFiveInstructions();
        m.cpu.run(1);
        assertEquals(6, m.cpu.instructionCount());
        assertTrue(m.cpu.halted(), "the handler's hlt ran in the same step");
    }
}
