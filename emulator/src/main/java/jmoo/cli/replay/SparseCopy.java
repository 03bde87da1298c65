package jmoo.cli.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies a file without writing its all-zero blocks, so a sparse COW stays sparse. */
final class SparseCopy {
    private static final int BLOCK = 64 * 1024;

    private SparseCopy() {
    }

    /** Copies {@code from} to {@code to}, which must not exist; same length, holes where {@code from} reads zeros. */
    static void copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            long size = in.size();
            for (long pos = 0; pos < size; pos += BLOCK) {
                buf.clear();
                while (buf.hasRemaining() && in.read(buf, pos + buf.position()) > 0) {
                    // read the whole block (or up to the end of the file)
                }
                buf.flip();
                if (!allZero(buf)) {
                    out.write(buf, pos);
                }
            }
            out.truncate(size);
            if (out.size() < size) {
                out.write(ByteBuffer.allocate(1), size - 1);   // a file that ends in a hole
            }
            out.force(true);
        }
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
