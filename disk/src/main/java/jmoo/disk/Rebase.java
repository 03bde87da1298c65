package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Points a COW at a new backing file. Safe mode keeps what the disk reads: every sector the COW
 * does not hold and where the old and new backings differ is first copied into the COW. Unsafe
 * mode only rewrites the header (for a backing known to hold the same data, e.g. a copy). The
 * new backing must have the disk's size.
 */
public final class Rebase {
    private Rebase() {
    }

    public static void rebase(Path cowPath, Path newBacking, boolean unsafe, Progress progress) throws IOException {
        if (unsafe) {
            rewrite(cowPath, newBacking);
            return;
        }
        try (CowChain current = CowChain.open(cowPath, OpenOptions.writable());
                CowChain next = CowChain.open(newBacking, OpenOptions.readOnly())) {
            if (!(current.layers().get(0) instanceof CowLayer cow)) {
                throw new DiskOpenException(cowPath, "not a COW file (no COW magic)");
            }
            checkSize(cowPath, cow, newBacking, next.size());
            copyDifferences(cow, current, next, progress);
            current.flush();
            recordBacking(cow, newBacking);
        }
    }

    private static void rewrite(Path cowPath, Path newBacking) throws IOException {
        try (Layer layer = Layer.open(cowPath, true); Layer backing = Layer.open(newBacking, false)) {
            if (!(layer instanceof CowLayer cow)) {
                throw new DiskOpenException(cowPath, "not a COW file (no COW magic)");
            }
            checkSize(cowPath, cow, newBacking, backing.size());
            recordBacking(cow, newBacking);
        }
    }

    private static void checkSize(Path cowPath, CowLayer cow, Path backing, long size) throws BackingMismatchException {
        if (size != cow.size()) {
            throw new BackingMismatchException(cowPath, backing, "size", cow.size(), size);
        }
    }

    private static void recordBacking(CowLayer cow, Path backing) throws IOException {
        cow.rewriteHeader(cow.header().withBackingPath(BackingCheck.recordedPathFor(backing))
                .withMtime(BackingCheck.mtimeSeconds(backing)));
        cow.channel().force(false);
    }

    /** Copies into the COW each sector it lacks where the two backings read differently. */
    private static void copyDifferences(CowLayer cow, CowChain current, CowChain next, Progress progress)
            throws IOException {
        Bitmap bits = cow.bitmap();
        long sectors = bits.sectors();
        int bytes = Flatten.CHUNK_SECTORS * CowHeader.SECTOR;
        ByteBuffer old = ByteBuffer.allocateDirect(bytes);
        ByteBuffer neu = ByteBuffer.allocateDirect(bytes);
        long s = bits.nextClear(0);
        while (s < sectors) {
            long runEnd = Math.min(bits.nextSet(s), s + Flatten.CHUNK_SECTORS);
            int n = (int) (runEnd - s);
            old.clear().limit(n * CowHeader.SECTOR);
            neu.clear().limit(n * CowHeader.SECTOR);
            current.read(s, old);
            next.read(s, neu);
            for (int i = 0; i < n; i++) {
                int from = i * CowHeader.SECTOR;
                old.limit(from + CowHeader.SECTOR).position(from);
                neu.limit(from + CowHeader.SECTOR).position(from);
                if (!old.equals(neu)) {
                    current.write(s + i, old);
                }
            }
            progress.update(runEnd, sectors);
            s = bits.nextClear(runEnd);
        }
        progress.update(sectors, sectors);
    }
}
