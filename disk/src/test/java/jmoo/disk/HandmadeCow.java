package jmoo.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes COW files byte by byte from the layout table of DESIGN.md section 2, without the
 * engine's codec: an independent check of what the engine reads.
 */
final class HandmadeCow {
    private HandmadeCow() {
    }

    /** Header and empty bitmap; returns the data offset. */
    static long write(Path file, CowVersion v, String backing, long size, long mtime) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(v.headerSize).order(v == CowVersion.V1 ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        h.putInt(0, 0x4F4F4F4D).putInt(4, v.number);
        byte[] path = backing.getBytes(StandardCharsets.UTF_8);
        h.put(v.pathOffset, path);
        switch (v) {
            case V1 -> h.putInt(264, (int) mtime).putLong(268, size).putInt(276, 512);
            case V2 -> h.putInt(4104, (int) mtime).putLong(4108, size).putInt(4116, 512);
            case V3 -> h.putInt(8, (int) mtime).putLong(12, size).putInt(20, 512).putInt(24, 4096).putInt(28, 0);
            case V3_BROKEN -> h.putInt(8, (int) mtime).putInt(12, 0).putLong(16, size).putInt(24, 512).putInt(28, 4096).putInt(32, 0);
            default -> throw new IllegalArgumentException();
        }
        long dataOffset = dataOffset(v, size);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0);
            raf.write(h.array());
            raf.setLength(dataOffset + size);
        }
        return dataOffset;
    }

    static long bitmapOffset(CowVersion v) {
        return switch (v) {
            case V1 -> 280;
            case V2 -> 4120;
            default -> 8192;
        };
    }

    static long dataOffset(CowVersion v, long size) {
        long sectors = (size + 511) / 512;
        if (v == CowVersion.V1 || v == CowVersion.V2) {
            long len = (size + 511) / 4096;
            return (bitmapOffset(v) + len + 511) / 512 * 512;
        }
        return (bitmapOffset(v) + (sectors + 7) / 8 + 4095) / 4096 * 4096;
    }

    /** Puts {@code data} (whole sectors) at sector {@code s} and sets their bits. */
    static void put(Path file, CowVersion v, long size, long s, byte[] data) throws IOException {
        long dataOffset = dataOffset(v, size);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(dataOffset + s * 512);
            raf.write(data);
            for (long i = s; i < s + data.length / 512; i++) {
                long at = bitmapOffset(v) + (i >> 3);
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write((b < 0 ? 0 : b) | (1 << (i & 7)));
            }
        }
    }
}
