package jmoo.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes what a chain reads as one raw image ({@code cow export}, and {@code cow merge COW OUT}
 * as uml_moo). The image is exactly the disk's size, so a partial last sector is kept (uml_moo
 * drops it). It is sparse: ranges that are holes in every layer serving them are not read, and
 * all-zero 4 KiB blocks are not written. It appears only when complete.
 */
public final class Flatten {
    static final int CHUNK_SECTORS = 2048;
    private static final int BLOCK = 4096;

    private Flatten() {
    }

    public static void toRawImage(CowChain chain, Path out, DataRegions regions, Progress progress) throws IOException {
        AtomicOutput.write(out, tmp -> copy(chain, tmp, regions, progress));
    }

    private static void copy(CowChain chain, Path tmp, DataRegions regions, Progress progress) throws IOException {
        long size = chain.size();
        long sectors = chain.sectors();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_SECTORS * CowHeader.SECTOR);
        try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
            raf.setLength(size);
            FileChannel out = raf.getChannel();
            for (long s = 0; s < sectors; s += CHUNK_SECTORS) {
                int n = (int) Math.min(CHUNK_SECTORS, sectors - s);
                if (!chain.isHole(s, n, regions)) {
                    buf.clear().limit(n * CowHeader.SECTOR);
                    chain.read(s, buf);
                    writeNonZeroBlocks(out, s * CowHeader.SECTOR, buf, size);
                }
                progress.update(s + n, sectors);
            }
        }
    }

    /**
     * Writes the 4 KiB blocks of {@code buf} (placed at {@code pos}) that hold data, up to
     * {@code size}; consecutive data blocks go out in one write.
     */
    static void writeNonZeroBlocks(FileChannel out, long pos, ByteBuffer buf, long size) throws IOException {
        int end = (int) Math.min(buf.limit(), size - pos);
        int from = 0;
        while (from < end) {
            while (from < end && Zeros.isZero(buf, from, Math.min(from + BLOCK, end))) {
                from += BLOCK;
            }
            int to = from;
            while (to < end && !Zeros.isZero(buf, to, Math.min(to + BLOCK, end))) {
                to = Math.min(to + BLOCK, end);
            }
            if (to > from) {
                buf.limit(to).position(from);
                FileIo.writeFully(out, pos + from, buf);
                buf.limit(buf.capacity());
            }
            from = to;
        }
    }
}
