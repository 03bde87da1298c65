package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;

/**
 * Port 0x80, the POST diagnostic port. Linux writes it as an I/O delay; writes are ignored
 * except that the last value is kept for the monitor. Reads return all ones (no card there).
 */
public final class PostCodePort implements Device, IoPortHandler {
    private int lastCode;

    @Override
    public String name() {
        return "port80";
    }

    @Override
    public void reset() {
        lastCode = 0;
    }

    public int lastCode() {
        return lastCode;
    }

    @Override
    public int in(int port, int size) {
        return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
    }

    @Override
    public void out(int port, int size, int value) {
        lastCode = value & 0xFF;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeByte(lastCode);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        lastCode = in.readUnsignedByte();
    }
}
