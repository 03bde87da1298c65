package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import jmoo.disk.BlockDevice;
import org.junit.jupiter.api.Test;

class SyncOnWriteTest {
    /** Records the calls it gets, in order. */
    private static final class Recorder implements BlockDevice {
        final List<String> calls = new ArrayList<>();

        @Override
        public long size() {
            return 8 * 512;
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public void read(long sector, ByteBuffer dst) {
            calls.add("read " + sector);
            dst.position(dst.limit());
        }

        @Override
        public void write(long sector, ByteBuffer src) {
            calls.add("write " + sector);
            src.position(src.limit());
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public void discard(long sector, long count) {
            calls.add("discard " + sector + "+" + count);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void everyWriteAndDiscardIsFollowedByAFlushAndReadsAreNot() throws Exception {
        Recorder disk = new Recorder();
        SyncOnWrite sync = new SyncOnWrite(disk);
        sync.read(1, ByteBuffer.allocate(512));
        sync.write(2, ByteBuffer.allocate(512));
        sync.discard(3, 2);
        sync.write(4, ByteBuffer.allocate(1024));
        sync.close();
        assertEquals(List.of("read 1", "write 2", "flush", "discard 3+2", "flush", "write 4", "flush", "close"),
                disk.calls);
    }
}
