package jmoo.disks;

import java.io.IOException;
import java.nio.ByteBuffer;
import jmoo.disk.BlockDevice;

/**
 * The device the port block holds for a slot: the current chain, which the monitor's
 * {@code snapshot} replaces by a chain with a new top without the guest seeing a disk change
 * (same size, same slot, no hot-plug event). Machine thread only, like every BlockDevice.
 */
final class SwitchableDisk implements BlockDevice {
    private BlockDevice current;

    SwitchableDisk(BlockDevice current) {
        this.current = current;
    }

    /** Serves every later request from {@code next}, which must have the same size; returns the old device. */
    BlockDevice switchTo(BlockDevice next) {
        if (next.size() != current.size()) {
            throw new IllegalArgumentException("the new disk has " + next.size() + " bytes, the old one " + current.size());
        }
        BlockDevice old = current;
        current = next;
        return old;
    }

    @Override
    public long size() {
        return current.size();
    }

    @Override
    public long sectors() {
        return current.sectors();
    }

    @Override
    public boolean readOnly() {
        return current.readOnly();
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        current.read(sector, dst);
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        current.write(sector, src);
    }

    @Override
    public void flush() throws IOException {
        current.flush();
    }

    @Override
    public void discard(long sector, long count) throws IOException {
        current.discard(sector, count);
    }

    /** The chain belongs to the slot's {@link OpenedDisk}, which closes it. */
    @Override
    public void close() {
    }
}
