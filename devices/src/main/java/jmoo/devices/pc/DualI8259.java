package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import jmoo.devices.Device;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoPortHandler;
import jmoo.devices.IrqLine;
import jmoo.devices.PcLayout;

/**
 * The PC's cascaded 8259A pair: the master at 0x20/0x21 (IRQ 0-7), the slave at 0xA0/0xA1
 * (IRQ 8-15) whose INT output drives the master's input 2. It is the CPU's interrupt source:
 * {@link #hasInterrupt()} is the INTR pin, {@link #acknowledgeInterrupt()} the INTA cycle.
 * With nothing left to deliver at INTA time a chip answers its IRQ 7 vector (a spurious interrupt).
 */
public final class DualI8259 implements Device, IoPortHandler, InterruptSource {
    private static final int CASCADE_INPUT = PcLayout.CASCADE_IRQ;

    private final I8259 master = new I8259("master");
    private final I8259 slave = new I8259("slave");
    private boolean intr;

    @Override
    public String name() {
        return "pic";
    }

    @Override
    public void reset() {
        master.reset();
        slave.reset();
        intr = false;
    }

    /** The line for IRQ {@code irq} (0-15) as seen by a device. */
    public IrqLine irqLine(int irq) {
        if (irq < 0 || irq > 15 || irq == CASCADE_INPUT) {
            throw new IllegalArgumentException("no device IRQ line " + irq);
        }
        return level -> setIrq(irq, level);
    }

    /** Drives IRQ {@code irq} (0-15) to {@code level}. */
    public void setIrq(int irq, boolean level) {
        if (irq < 8) {
            master.setInput(irq, level);
        } else {
            slave.setInput(irq - 8, level);
        }
        update();
    }

    /** Recomputes the slave's output into master input 2 and the master's INTR output. */
    private void update() {
        master.setInput(CASCADE_INPUT, slave.pendingIrq() != I8259.NONE);
        intr = master.pendingIrq() != I8259.NONE;
    }

    @Override
    public boolean hasInterrupt() {
        return intr;
    }

    @Override
    public int acknowledgeInterrupt() {
        int irq = master.pendingIrq();
        int vector;
        if (irq == I8259.NONE) {
            vector = master.vectorBase() + 7;
        } else {
            master.acknowledge(irq);
            if (irq == CASCADE_INPUT) {
                int slaveIrq = slave.pendingIrq();
                if (slaveIrq == I8259.NONE) {
                    vector = slave.vectorBase() + 7;
                } else {
                    slave.acknowledge(slaveIrq);
                    vector = slave.vectorBase() + slaveIrq;
                }
            } else {
                vector = master.vectorBase() + irq;
            }
        }
        update();
        return vector;
    }

    @Override
    public int in(int port, int size) {
        int value = chip(port).read(port & 1);
        update();
        return value;
    }

    @Override
    public void out(int port, int size, int value) {
        chip(port).write(port & 1, value);
        update();
    }

    private I8259 chip(int port) {
        return (port & ~1) == PcLayout.PIC_SLAVE_PORT ? slave : master;
    }

    /** Register values for the monitor and tests: {@code [irr, isr, imr]} of master then slave. */
    public int[] registers() {
        return new int[] {master.irr(), master.isr(), master.imr(), slave.irr(), slave.isr(), slave.imr()};
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        master.save(out);
        slave.save(out);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        master.restore(in);
        slave.restore(in);
        intr = master.pendingIrq() != I8259.NONE;
    }
}
