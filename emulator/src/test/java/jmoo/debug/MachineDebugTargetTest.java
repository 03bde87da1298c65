package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

class MachineDebugTargetTest {
    @Test
    void executionGoesThroughTheRunLoopToExactCounts() {
        PhysicalMemory memory = new PhysicalMemory(1 << 16);
        int[] code = {0x40, 0x41, 0xEB, 0xFC}; // inc eax; inc ecx; jmp back
        for (int i = 0; i < code.length; i++) {
            memory.write8(0x1000 + i, code[i]);
        }
        Cpu cpu = GdbCpuTest.bareCpu(memory);
        cpu.resetToFlatProtectedMode();
        cpu.setEip(0x1000);
        List<Long> targets = new ArrayList<>();
        MachineDebugTarget target = new MachineDebugTarget(cpu, memory, count -> {
            targets.add(count);
            cpu.run(count - cpu.instructionCount());  // a run loop would also run timers and inputs here
            return TargetState.RUNNABLE;
        });
        Breakpoints bp = new Breakpoints();
        bp.addSoftware(0x1002);
        ExecutionControl ec = new ExecutionControl(target, bp);
        assertEquals(StopEvent.Kind.SOFTWARE_BREAKPOINT, ec.resume(() -> false).kind());
        assertEquals(2, target.instructionCount());
        assertEquals(List.of(10_000L), targets, "a slice: the CPU itself stops before the breakpoint");
        bp.clear();
        assertEquals(StopEvent.Kind.INTERRUPTED, ec.resume(() -> false, 25_000).kind());
        assertEquals(25_000, target.instructionCount());
        assertEquals(List.of(10_000L, 10_002L, 20_002L, 25_000L), targets, "free running goes in slices, to the exact stop");
        assertEquals(0x1001, target.register(I386Register.EIP), "25000 = 3 * 8333 + 1: just after an inc eax");
        assertEquals(8334, target.register(I386Register.EAX));
        assertEquals(8333, target.register(I386Register.ECX));
    }
}
