package jmoo.disks;

import java.io.IOException;
import java.nio.ByteBuffer;
import jmoo.disk.BlockDevice;

/**
 * UML's {@code s} flag: every write and discard is durable (the engine's flush: data, bitmap,
 * fdatasync) before the guest's request completes, as if the file were opened O_SYNC.
 */
final class SyncOnWrite implements BlockDevice {
    private final BlockDevice disk;

    SyncOnWrite(BlockDevice disk) {
        this.disk = disk;
    }

    @Override
    public long size() {
        return disk.size();
    }

    @Override
    public long sectors() {
        return disk.sectors();
    }

    @Override
    public boolean readOnly() {
        return disk.readOnly();
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        disk.read(sector, dst);
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        disk.write(sector, src);
        disk.flush();
    }

    @Override
    public void flush() throws IOException {
        disk.flush();
    }

    @Override
    public void discard(long sector, long count) throws IOException {
        disk.discard(sector, count);
        disk.flush();
    }

    @Override
    public void close() throws IOException {
        disk.close();
    }
}
