package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CPU never fails on guest bytes: random code (with an IDT whose gates also lead into
 * random code) runs until a stop reason, whatever it does to descriptor tables, control
 * registers, paging or the stack. Any Java exception out of run() fails the test.
 */
class RandomCodeTest {
    private static final int SEEDS = 300;
    private static final long BUDGET = 20_000;

    @Test
    void randomCodeNeverThrows() {
        for (int seed = 0; seed < SEEDS; seed++) {
            runSeed(seed, BUDGET);
        }
    }

    @Test
    void randomUserCodeNeverThrows() {
        for (int seed = 0; seed < SEEDS; seed++) {
            runSeed(seed, BUDGET, true);
        }
    }

    @Test
    @Tag("slow")
    void manyMoreSeeds() {
        for (int seed = SEEDS; seed < 20 * SEEDS; seed++) {
            runSeed(seed, 5 * BUDGET, seed % 2 == 0);
        }
    }

    static void runSeed(int seed, long budget) {
        runSeed(seed, budget, false);
    }

    /** Ring-3 start: a GDT with kernel and user segments and a TSS, entered by IRET. */
    private static final int GDT = 0x7000, TSS = 0x6000, PROLOGUE = 0x5000;

    private static void setUpRing3(PhysicalMemory mem, Cpu cpu, int entry) {
        long[] gdt = {0, 0, 0x00CF9A000000FFFFL, 0x00CF92000000FFFFL, 0x00CFFA000000FFFFL, 0x00CFF2000000FFFFL,
            ((long) 0x00008900 << 32) | ((long) TSS << 16) | 0x67};
        for (int k = 0; k < gdt.length; k++) {
            mem.write32(GDT + 8 * k, (int) gdt[k]);
            mem.write32(GDT + 8 * k + 4, (int) (gdt[k] >>> 32));
        }
        cpu.setGdtr(GDT, 8 * gdt.length - 1);
        mem.write32(TSS + 4, 0x88000); // ESP0
        mem.write32(TSS + 8, 0x18);    // SS0
        int[] code = {0x66, 0xB8, 0x30, 0x00, 0x0F, 0x00, 0xD8, // mov $0x30,%ax; ltr %ax
            0x66, 0xB8, 0x2B, 0x00, 0x8E, 0xD8, 0x8E, 0xC0,        // mov $0x2b,%ax; mov %ax,%ds; mov %ax,%es
            0x6A, 0x2B, 0x68, 0x00, 0x00, 0x08, 0x00, 0x6A, 0x02, 0x6A, 0x23, // push ss, esp, eflags, cs
            0x68, entry & 0xFF, (entry >>> 8) & 0xFF, (entry >>> 16) & 0xFF, entry >>> 24, 0xCF}; // push eip; iret
        for (int k = 0; k < code.length; k++) {
            mem.write8(PROLOGUE + k, code[k]);
        }
        cpu.setEip(PROLOGUE);
    }

    static void runSeed(int seed, long budget, boolean user) {
        run(seed, budget, user, Cpu.DEFAULT_COMPILE_THRESHOLD);
    }

    /** The CPU and memory after running seed's random code with the given compile threshold. */
    record RandomRun(Cpu cpu, PhysicalMemory memory, StopReason lastStop) {
    }

    static RandomRun run(int seed, long budget, boolean user, int compileThreshold) {
        Random rnd = new Random(seed);
        PhysicalMemory mem = new PhysicalMemory(2 << 20);
        byte[] ram = mem.array();
        int codeBase = 0x10000, codeSize = 0x10000;
        for (int a = codeBase; a < codeBase + codeSize; a++) {
            ram[a] = (byte) rnd.nextInt(256);
        }
        for (int v = 0; v < 256; v++) { // IDT at 0x8000: interrupt gates, selector 0x10, into the random code
            int h = codeBase + rnd.nextInt(codeSize);
            mem.write32(0x8000 + 8 * v, (0x10 << 16) | (h & 0xFFFF));
            mem.write32(0x8000 + 8 * v + 4, (h & 0xFFFF0000) | (user ? 0xEE00 : 0x8E00));
        }
        Cpu cpu = new Cpu(mem, new IoBus(), new InterruptSource() {
            @Override
            public boolean hasInterrupt() {
                return false;
            }

            @Override
            public int acknowledgeInterrupt() {
                return 0x20;
            }
        });
        cpu.setCompileThresholds(compileThreshold, compileThreshold);
        cpu.resetToFlatProtectedMode();
        cpu.setIdtr(0x8000, 0x7FF);
        for (int r = 0; r < 8; r++) {
            cpu.setReg(r, rnd.nextBoolean() ? rnd.nextInt() : codeBase + rnd.nextInt(codeSize));
        }
        cpu.setReg(Cpu.ESP, 0x90000);
        cpu.setEip(codeBase + rnd.nextInt(codeSize));
        if (user) {
            setUpRing3(mem, cpu, codeBase + rnd.nextInt(codeSize));
        }
        StopReason r = null;
        while (cpu.instructionCount() < budget) {
            r = cpu.run(budget - cpu.instructionCount());
            if (r != StopReason.INSTRUCTION_LIMIT) {
                break;
            }
        }
        assertNotNull(r, "seed " + seed);
        if (user) {
            assertTrue(cpu.instructionCount() > 8, "seed " + seed + ": the prologue ran");
        }
        return new RandomRun(cpu, mem, r);
    }
}
