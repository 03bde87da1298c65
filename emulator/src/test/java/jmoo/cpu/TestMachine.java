package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/** A CPU in flat protected mode with 4 MiB of RAM, for unit tests. */
final class TestMachine {
    static final int CODE = 0x1000;
    static final int STACK_TOP = 0x90000;

    final PhysicalMemory mem = new PhysicalMemory(4 << 20);
    final IoBus io = new IoBus();
    int pendingVector = -1;
    final InterruptSource irq = new InterruptSource() {
        @Override
        public boolean hasInterrupt() {
            return pendingVector >= 0;
        }

        @Override
        public int acknowledgeInterrupt() {
            int v = pendingVector;
            pendingVector = -1;
            return v;
        }
    };
    final Cpu cpu = new Cpu(mem, io, irq);

    TestMachine() {
        cpu.resetToFlatProtectedMode();
        cpu.setReg(Cpu.ESP, STACK_TOP);
    }

    /** Assembles {@code source} at CODE, starts there. */
    TestMachine load(String source) {
        return loadAt(CODE, GuestAsm.assemble(source, CODE));
    }

    TestMachine loadAt(int addr, byte[] code) {
        for (int k = 0; k < code.length; k++) {
            mem.write8(addr + k, code[k]);
        }
        mem.written(addr, code.length);
        cpu.setEip(addr);
        return this;
    }

    /** Runs until HLT (with an instruction cap) and expects it to have halted. */
    TestMachine runToHalt() {
        StopReason r = cpu.run(1_000_000);
        assertEquals(StopReason.HALTED, r, () -> String.format("expected HLT, eip=%08x", cpu.eip()));
        return this;
    }

    int reg(int r) {
        return cpu.reg(r);
    }

    int flags() {
        return cpu.eflags();
    }

    /** An IDT at 0x8000 with 32-bit interrupt gates (selector 0x10) to handler i -> base + 16*i. */
    void installIdt(int handlerBase) {
        int idt = 0x8000;
        for (int v = 0; v < 256; v++) {
            int h = handlerBase + 16 * v;
            mem.write32(idt + 8 * v, (0x10 << 16) | (h & 0xFFFF));
            mem.write32(idt + 8 * v + 4, (h & 0xFFFF0000) | 0x8E00);
            mem.write8(h, 0xF4); // hlt
        }
        cpu.setIdtr(idt, 256 * 8 - 1);
    }
}
