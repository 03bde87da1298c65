package jmoo.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/** Test disk images with recognisable contents. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A sparse file of {@code size} bytes whose every 512-byte sector starts with "S<n>" and a seed-derived pattern. */
    public static Path raw(Path file, long size, long seed) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            FileChannel ch = raf.getChannel();
            Random rnd = new Random(seed);
            long sectors = (size + 511) / 512;
            long step = Math.max(1, sectors / 512); // at most ~512 marked sectors: stays sparse and fast
            for (long s = 0; s < sectors; s += step) {
                ByteBuffer b = sector(s, rnd.nextLong());
                int len = (int) Math.min(512, size - s * 512);
                b.limit(len);
                ch.write(b, s * 512);
            }
        }
        return file;
    }

    /** 512 bytes identifying sector {@code s} and a tag. */
    public static ByteBuffer sector(long s, long tag) {
        ByteBuffer b = ByteBuffer.allocate(512);
        Random r = new Random(s * 31 + tag);
        r.nextBytes(b.array());
        b.putLong(0, s);
        b.putLong(8, tag);
        return b;
    }

    public static byte[] readAll(Path file, long pos, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
                // keep reading
            }
            return b.array();
        }
    }
}
