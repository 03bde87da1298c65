package jmoo.cpu.system;

import jmoo.cpu.Cpu;

/** jmoo's CPU as the tested side of a {@link TraceComparator}: one {@code run(1)} per step. */
final class JmooStepper implements TraceComparator.Stepper {
    private final Cpu cpu;

    JmooStepper(Cpu cpu) {
        this.cpu = cpu;
    }

    /** Also how a run starts from the reference's first state (QEMU's multiboot entry registers). */
    @Override
    public void adopt(CpuSnapshot s) {
        for (int i = 0; i < 8; i++) {
            cpu.setReg(i, s.regs()[i]);
        }
        cpu.setEflags(s.eflags());
        cpu.setEip(s.eip());
    }

    @Override
    public CpuSnapshot current() {
        int[] regs = new int[8];
        for (int i = 0; i < 8; i++) {
            regs[i] = cpu.reg(i);
        }
        return new CpuSnapshot(cpu.eip(), regs, cpu.eflags());
    }

    @Override
    public void step() {
        cpu.run(1);
    }
}
