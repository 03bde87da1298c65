package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The baseline: a raw image file through positional FileChannel I/O, as a VM would use it.
 * Buffers transfer from their position to their limit, starting at {@code offset}.
 */
final class RawDisk implements AutoCloseable {
    private final FileChannel channel;

    RawDisk(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    void read(long offset, ByteBuffer dst) throws IOException {
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new IOException("read past the end of the raw image at " + pos);
            }
            pos += n;
        }
    }

    void write(long offset, ByteBuffer src) throws IOException {
        long pos = offset;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    /** Makes the file {@code bytes} long (sparse when growing). */
    void setLength(long bytes) throws IOException {
        channel.truncate(bytes);
        if (channel.size() < bytes) {
            channel.write(ByteBuffer.wrap(new byte[1]), bytes - 1);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
