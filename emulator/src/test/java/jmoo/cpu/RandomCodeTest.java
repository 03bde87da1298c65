package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
    @Tag("slow")
    void manyMoreSeeds() {
        for (int seed = SEEDS; seed < 20 * SEEDS; seed++) {
            runSeed(seed, 5 * BUDGET);
        }
    }

    static void runSeed(int seed, long budget) {
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
            mem.write32(0x8000 + 8 * v + 4, (h & 0xFFFF0000) | 0x8E00);
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
        cpu.resetToFlatProtectedMode();
        cpu.setIdtr(0x8000, 0x7FF);
        for (int r = 0; r < 8; r++) {
            cpu.setReg(r, rnd.nextBoolean() ? rnd.nextInt() : codeBase + rnd.nextInt(codeSize));
        }
        cpu.setReg(Cpu.ESP, 0x90000);
        cpu.setEip(codeBase + rnd.nextInt(codeSize));
        StopReason r = null;
        while (cpu.instructionCount() < budget) {
            r = cpu.run(budget - cpu.instructionCount());
            if (r != StopReason.INSTRUCTION_LIMIT) {
                break;
            }
        }
        assertNotNull(r, "seed " + seed);
    }
}
