package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import jmoo.devices.ClockConversion;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.IrqLine;
import jmoo.devices.PcLayout;
import jmoo.devices.TimedDevice;
import jmoo.devices.VirtualClock;

/**
 * The Intel 8254 programmable interval timer at 0x40-0x43, clocked at 1.193182 MHz of virtual
 * time. Channel 0's OUT drives IRQ 0: each rising edge is a timer deadline the machine runs to.
 * Channel 2's gate and OUT are reached through port 0x61 ({@link SystemControlPortB}).
 * Supports counter latch and read-back commands, LSB/MSB/word access, BCD, modes 0-5.
 */
public final class I8254 implements Device, IoPortHandler, TimedDevice {
    private static final int CONTROL_PORT_OFFSET = 3;

    private final VirtualClock clock;
    private final IrqLine irq0;
    private final I8254Channel[] channels = {new I8254Channel(), new I8254Channel(), new I8254Channel()};
    private long irqCheckedUpTo;   // channel 0 edges up to this tick have been delivered

    public I8254(VirtualClock clock, IrqLine irq0) {
        this.clock = clock;
        this.irq0 = irq0;
        reset();
    }

    @Override
    public String name() {
        return "pit";
    }

    @Override
    public void reset() {
        for (I8254Channel c : channels) {
            c.reset();
        }
        irqCheckedUpTo = now();
    }

    private long now() {
        return ClockConversion.ticksAt(clock.nanos(), PcLayout.PIT_HZ);
    }

    @Override
    public int in(int port, int size) {
        int index = port - PcLayout.PIT_PORT;
        if (index == CONTROL_PORT_OFFSET) {
            return 0xFF; // the control word register is write-only
        }
        return channels[index].read(now());
    }

    @Override
    public void out(int port, int size, int value) {
        int index = port - PcLayout.PIT_PORT;
        long now = now();
        if (index != CONTROL_PORT_OFFSET) {
            if (index == 0) {
                deliverChannel0Edges(now); // edges of the old count belong to the past
            }
            channels[index].writeCount(value, now);
            return;
        }
        int select = (value >> 6) & 3;
        if (select == 3) {
            readBack(value, now);
            return;
        }
        if (((value >> 4) & 3) == I8254Channel.ACCESS_LATCH) {
            channels[select].latchCount(now);
        } else {
            if (select == 0) {
                deliverChannel0Edges(now);
            }
            channels[select].control(value);
        }
    }

    private void readBack(int command, long now) {
        for (int i = 0; i < 3; i++) {
            if ((command & (2 << i)) == 0) {
                continue;
            }
            if ((command & 0x20) == 0) {
                channels[i].latchCount(now);
            }
            if ((command & 0x10) == 0) {
                channels[i].latchStatus(now);
            }
        }
    }

    /** Channel 2's gate (port 0x61 bit 0). */
    public void setChannel2Gate(boolean level) {
        channels[2].setGate(level, now());
    }

    /** Channel 2's OUT pin (port 0x61 bit 5). */
    public boolean channel2Output() {
        return channels[2].output(now());
    }

    @Override
    public long nextDeadlineNanos() {
        long edge = channels[0].nextRisingEdge(irqCheckedUpTo);
        return edge == Long.MAX_VALUE ? NO_DEADLINE : ClockConversion.nanosOfTick(edge, PcLayout.PIT_HZ);
    }

    @Override
    public void advanceTo(long nowNanos) {
        deliverChannel0Edges(ClockConversion.ticksAt(nowNanos, PcLayout.PIT_HZ));
    }

    /** Pulses IRQ 0 once if channel 0's OUT rose since the last check (missed edges merge, as in an 8259). */
    private void deliverChannel0Edges(long nowTick) {
        if (nowTick <= irqCheckedUpTo) {
            return;
        }
        if (channels[0].nextRisingEdge(irqCheckedUpTo) <= nowTick) {
            irq0.pulse();
        }
        irqCheckedUpTo = nowTick;
    }

    /** Channel 0's programmed mode and reload value, for the monitor and tests. */
    public int channel0Reload() {
        return channels[0].reload();
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (I8254Channel c : channels) {
            c.save(out);
        }
        out.writeLong(irqCheckedUpTo);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (I8254Channel c : channels) {
            c.restore(in);
        }
        irqCheckedUpTo = in.readLong();
    }
}
