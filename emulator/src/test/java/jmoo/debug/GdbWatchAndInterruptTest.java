package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jmoo.cpu.Cpu;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's gdb on the real CPU: read and access watchpoints (rwatch, awatch) on a variable of a
 * program assembled now, and a breakpoint on an interrupt handler's first instruction, entered
 * by interrupt delivery rather than by a jump.
 */
class GdbWatchAndInterruptTest {
    private static final String WATCHED = String.join("\n",
            "    .text",
            "    .globl _start, after_read, after_write, last_read, done",
            "_start:",
            "    mov $0x9000, %esp",
            "    movl $5, value",
            "    mov value, %eax",
            "after_read:",
            "    add $1, %eax",
            "    mov %eax, value",
            "after_write:",
            "    mov value, %ecx",
            "last_read:",
            "    inc %edx",
            "done:",
            "    hlt",
            "    .data",
            "    .globl value",
            "value:",
            "    .long 0",
            "");

    /** Spins 10000 instructions with interrupts on, then halts; isr (at a fixed place, for the IDT) sets EBX. */
    private static final String INTERRUPTED = String.join("\n",
            "    .text",
            "    .globl _start, spin, isr",
            "_start:",
            "    mov $0x9000, %esp",
            "    mov $5000, %ecx",
            "    sti",
            "spin:",
            "    inc %eax",
            "    loop spin",
            "    hlt",
            "    .org 0x100",
            "isr:",
            "    mov $0x1234, %ebx",
            "    iret",
            "    .data",
            "    .long 0",
            "");

    private static final int TEXT = 0x1000;
    private static final int ISR = TEXT + 0x100;
    private static final int VECTOR = 0x20;
    private static final int IDT = 0x8000;

    @TempDir
    Path dir;

    @Test
    void readAndAccessWatchpointsStopAfterTheAccessingInstruction() throws Exception {
        GdbBatch.assumeGdb();
        GuestElf prog = GuestElf.build(dir, WATCHED, TEXT, 0x3000);
        PhysicalMemory memory = loaded(prog);
        Cpu cpu = GdbCpuTest.bareCpu(memory);
        cpu.resetToFlatProtectedMode();
        cpu.setEip(TEXT);
        String out = debug(cpu, memory, prog,
                "awatch *(int *)&value", "continue", "continue", "print $pc == &after_read",
                "delete", "rwatch *(int *)&value", "continue", "print $pc == &last_read", "print $ecx",
                "delete", "continue", "print $pc == &done + 1", "kill");
        assertTrue(out.contains("Hardware access (read/write) watchpoint 1: *(int *)&value\n\nOld value = 0\nNew value = 5"), out);
        assertTrue(out.contains("Hardware access (read/write) watchpoint 1: *(int *)&value\n\nValue = 5"), out);
        assertTrue(out.contains("$1 = 1"), "stopped after the read, not at the later write: " + out);
        assertTrue(out.contains("Hardware read watchpoint 2: *(int *)&value\n\nValue = 6"), out);
        assertTrue(out.contains("$2 = 1") && out.contains("$3 = 6"), "the read watchpoint skipped the write: " + out);
        assertTrue(out.contains("$4 = 1"), "no watchpoints left: ran to the hlt: " + out);
    }

    @Test
    void aBreakpointOnAnInterruptHandlersFirstInstructionStopsWhenTheInterruptIsDelivered() throws Exception {
        GdbBatch.assumeGdb();
        GuestElf prog = GuestElf.build(dir, INTERRUPTED, TEXT, 0x3000);
        PhysicalMemory memory = loaded(prog);
        memory.write32(IDT + 8 * VECTOR, 0x10 << 16 | (ISR & 0xFFFF));        // 32-bit interrupt gate, selector 0x10
        memory.write32(IDT + 8 * VECTOR + 4, (ISR & 0xFFFF0000) | 0x8E00);
        long[] raisedAt = {-1};
        Cpu[] cpuRef = new Cpu[1];
        Cpu cpu = new Cpu(memory, new IoBus(), new InterruptSource() {
            @Override
            public boolean hasInterrupt() {
                return raisedAt[0] < 0 && cpuRef[0].instructionCount() >= 1000;
            }

            @Override
            public int acknowledgeInterrupt() {
                raisedAt[0] = cpuRef[0].instructionCount();
                return VECTOR;
            }
        });
        cpuRef[0] = cpu;
        cpu.resetToFlatProtectedMode();
        cpu.setIdtr(IDT, 256 * 8 - 1);
        cpu.setEip(TEXT);
        String out = debug(cpu, memory, prog,
                "break isr", "continue", "print/x $ebx", "print $pc == &isr", "stepi", "print/x $ebx", "kill");
        assertTrue(out.contains("Breakpoint 1, 0x00001100 in isr ()"), out);
        assertTrue(out.contains("$1 = 0x0"), "stopped before the handler's first instruction: " + out);
        assertTrue(out.contains("$2 = 1") && out.contains("$3 = 0x1234"), out);
        assertTrue(raisedAt[0] >= 1000, "the interrupt was delivered once, at " + raisedAt[0]);
    }

    /** 1 MiB of RAM with the program's image at TEXT. */
    private static PhysicalMemory loaded(GuestElf prog) {
        PhysicalMemory memory = new PhysicalMemory(1 << 20);
        System.arraycopy(prog.image, 0, memory.array(), TEXT, prog.image.length);
        return memory;
    }

    private static String debug(Cpu cpu, PhysicalMemory memory, GuestElf prog, String... commands) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GdbServer server = new GdbServer(0)) {
            Future<SessionEnd> session = executor.submit(
                    () -> server.serveOne(new CpuDebugTarget(cpu, memory), new Breakpoints()));
            String out = GdbBatch.run(server.port(), List.of("file " + prog.elf), commands);
            assertEquals(SessionEnd.KILLED, session.get(30, TimeUnit.SECONDS), out);
            return out;
        } finally {
            executor.shutdownNow();
        }
    }
}
