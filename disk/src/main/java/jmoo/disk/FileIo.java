package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional read and write loops that never allocate. */
final class FileIo {
    private FileIo() {
    }

    /** Fills {@code dst} from {@code pos}; bytes past the end of the file read as zeros. */
    static void readFully(FileChannel ch, long pos, ByteBuffer dst) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                zeroFill(dst);
                return;
            }
            p += n;
        }
    }

    static void writeFully(FileChannel ch, long pos, ByteBuffer src) throws IOException {
        long p = pos;
        while (src.hasRemaining()) {
            p += ch.write(src, p);
        }
    }

    static void zeroFill(ByteBuffer dst) {
        while (dst.remaining() >= 8) {
            dst.putLong(0L);
        }
        while (dst.hasRemaining()) {
            dst.put((byte) 0);
        }
    }
}
