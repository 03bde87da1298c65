package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.VirtualClock;

/**
 * Port 0x61, the PC's system control port B: bit 0 gates PIT channel 2, bit 1 enables the
 * speaker (no sound here), bit 4 toggles with the DRAM refresh clock (every 15.085 us of
 * virtual time) and bit 5 reads channel 2's OUT.
 */
public final class SystemControlPortB implements Device, IoPortHandler {
    private static final long REFRESH_PERIOD_NANOS = 15_085;

    private final I8254 pit;
    private final VirtualClock clock;
    private int written;   // bits 0-3 as last written

    public SystemControlPortB(I8254 pit, VirtualClock clock) {
        this.pit = pit;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "port61";
    }

    @Override
    public void reset() {
        written = 0;
        pit.setChannel2Gate(false);
    }

    @Override
    public int in(int port, int size) {
        int refresh = (int) (clock.nanos() / REFRESH_PERIOD_NANOS & 1) << 4;
        return written & 0x0F | refresh | (pit.channel2Output() ? 0x20 : 0);
    }

    @Override
    public void out(int port, int size, int value) {
        written = value & 0x0F;
        pit.setChannel2Gate((value & 1) != 0);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeByte(written);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        written = in.readUnsignedByte();
    }
}
