package jmoo.disk.uml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jmoo.disk.BlockDevice;
import jmoo.disk.CowChain;
import jmoo.disk.OpenOptions;

/** Reading and writing through jmoo's engine for the UML tests. */
final class EngineIo {
    private EngineIo() {
    }

    /** Writes {@code data} (whole sectors) at {@code sector} of the chain topped by {@code cow}, flushed. */
    static void write(Path cow, long sector, byte[] data) throws IOException {
        try (CowChain chain = CowChain.open(cow, OpenOptions.writable())) {
            chain.write(sector, ByteBuffer.wrap(data));
            chain.flush();
        }
    }

    /** Reads {@code count} sectors from {@code sector} through the chain topped by {@code cow}. */
    static byte[] read(Path cow, long sector, int count) throws IOException {
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
            byte[] out = new byte[count * BlockDevice.SECTOR_SIZE];
            chain.read(sector, ByteBuffer.wrap(out));
            return out;
        }
    }

    /** Copies the whole disk the chain presents into the raw file {@code out}. */
    static void export(Path cow, Path out) throws IOException {
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly());
                FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long sectors = chain.size() / BlockDevice.SECTOR_SIZE;
            for (long s = 0; s < sectors; s += buf.capacity() / BlockDevice.SECTOR_SIZE) {
                buf.clear().limit((int) Math.min(buf.capacity(), (sectors - s) * BlockDevice.SECTOR_SIZE));
                chain.read(s, buf);
                buf.flip();
                while (buf.hasRemaining()) {
                    dst.write(buf, s * BlockDevice.SECTOR_SIZE + buf.position());
                }
            }
        }
    }
}
