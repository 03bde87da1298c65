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

/** Debian's gdb attached over TCP to the stub, debugging a program assembled now, on the real CPU. */
class GdbCpuTest {
    private static final String PROGRAM = String.join("\n",
            "    .text",
            "    .globl _start, loop, done",
            "_start:",
            "    mov $0x9000, %esp",
            "    xor %eax, %eax",
            "    mov $10, %ecx",
            "loop:",
            "    add %ecx, %eax",
            "    mov %eax, counter",
            "    dec %ecx",
            "    jnz loop",
            "done:",
            "    hlt",
            "    .data",
            "    .globl counter",
            "counter:",
            "    .long 0",
            "");

    @TempDir
    Path dir;

    static Cpu bareCpu(PhysicalMemory memory) {
        return new Cpu(memory, new IoBus(), new InterruptSource() {
            @Override
            public boolean hasInterrupt() {
                return false;
            }

            @Override
            public int acknowledgeInterrupt() {
                throw new IllegalStateException("no interrupt controller");
            }
        });
    }

    @Test
    void gdbBreaksOnSymbolsWatchesStepsAndReadsRegistersOfTheRealCpu() throws Exception {
        GdbBatch.assumeGdb();
        GuestElf prog = GuestElf.build(dir, PROGRAM, 0x1000, 0x3000);
        PhysicalMemory memory = new PhysicalMemory(1 << 20);
        System.arraycopy(prog.image, 0, memory.array(), 0x1000, prog.image.length);
        Cpu cpu = bareCpu(memory);
        cpu.resetToFlatProtectedMode();
        cpu.setEip(0x1000);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GdbServer server = new GdbServer(0)) {
            Future<SessionEnd> session = executor.submit(
                    () -> server.serveOne(new CpuDebugTarget(cpu, memory), new Breakpoints()));
            String out = GdbBatch.run(server.port(), List.of("file " + prog.elf),
                    "break loop", "continue", "continue", "info registers eax ecx",
                    "delete", "watch *(int *)&counter", "continue", "stepi", "print/x $eip",
                    "delete", "break done", "continue", "print $eax", "print *(int *)&counter", "info registers cs ss",
                    "monitor icount", "kill");
            assertTrue(out.contains("Breakpoint 1, 0x0000100c in loop ()"), out);
            assertTrue(out.matches("(?s).*eax\\s+0xa\\s+10\\s+ecx\\s+0x9\\s+9\\s.*"), out);
            assertTrue(out.contains("Old value = 10") && out.contains("New value = 19"), out);
            assertTrue(out.contains("$1 = 0x1014"), "stopped after the store (0x100e), stepi past dec: " + out);
            assertTrue(out.contains("in done ()"), out);
            assertTrue(out.contains("$2 = 55") && out.contains("$3 = 55"), out);
            assertTrue(out.matches("(?s).*cs\\s+0x10\\s.*ss\\s+0x18\\s.*"), out);
            assertTrue(out.contains("\n43\n"), "3 + 10 * 4 instructions before hlt: " + out);
            assertEquals(SessionEnd.KILLED, session.get(30, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void gdbDebugsAProgramLinkedAtKernelAddressesThroughThePageTables() throws Exception {
        GdbBatch.assumeGdb();
        GuestElf prog = GuestElf.build(dir, PROGRAM, 0xC0001000, 0xC0003000);
        PhysicalMemory memory = new PhysicalMemory(1 << 20);
        System.arraycopy(prog.image, 0, memory.array(), 0x1000, prog.image.length);
        int pageDirectory = 0x10000;
        int pageTable = 0x11000;
        for (int page = 0; page < 16; page++) {
            memory.write32(pageTable + page * 4, page << 12 | 3);     // the first 64 KiB
        }
        memory.write32(pageDirectory, pageTable | 3);                       // identity (the stack at 0x9000)
        memory.write32(pageDirectory + (0xC0000000 >>> 22) * 4, pageTable | 3); // and at 0xC0000000, as Linux
        Cpu cpu = bareCpu(memory);
        cpu.resetToFlatProtectedMode();
        cpu.setCr(3, pageDirectory);
        cpu.setCr(0, cpu.cr(0) | 1 << 31);
        cpu.setEip(0xC0001000);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (GdbServer server = new GdbServer(0)) {
            Future<SessionEnd> session = executor.submit(
                    () -> server.serveOne(new CpuDebugTarget(cpu, memory), new Breakpoints()));
            String out = GdbBatch.run(server.port(), List.of("file " + prog.elf),
                    "break done", "continue", "print $eax", "print/x $pc", "print *(int *)&counter",
                    "x/2i $pc - 2", "detach");
            assertTrue(out.contains("Breakpoint 1, 0xc0001016 in done ()"), out);
            assertTrue(out.contains("$1 = 55") && out.contains("$3 = 55"), out);
            assertTrue(out.contains("$2 = 0xc0001016"), out);
            assertTrue(out.contains("<loop+8>:\tjne    0xc000100c <loop>"), "disassembly read through paging: " + out);
            assertEquals(SessionEnd.DETACHED, session.get(30, TimeUnit.SECONDS));
            assertEquals(0x1016, cpu.eip() - 0xC0000000, "detached where it stopped");
        } finally {
            executor.shutdownNow();
        }
    }
}
