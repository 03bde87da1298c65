package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Folds a COW's sectors into the file below it. {@link #mergeInPlace} is uml_moo {@code -d}: the
 * backing receives the COW's sectors and the COW is left as it was. {@link #commit} then empties
 * the COW and records the backing's new mtime, so the pair still opens and reads the same. These
 * are the only operations that open a backing file for writing. All-zero sectors become holes in
 * the backing (discard) instead of written zeros.
 */
public final class Commit {
    private Commit() {
    }

    /**
     * @param backing the backing to write into; null for the one the header names
     * @param checks  refuse a backing whose size or mtime differs from the header
     */
    public static void mergeInPlace(Path cow, Path backing, boolean checks, Progress progress) throws IOException {
        fold(cow, backing, checks, false, progress);
    }

    public static void commit(Path cow, Path backing, boolean checks, Progress progress) throws IOException {
        fold(cow, backing, checks, true, progress);
    }

    private static void fold(Path cowPath, Path backingPath, boolean checks, boolean empty, Progress progress)
            throws IOException {
        try (Layer layer = Layer.open(cowPath, empty)) {
            if (!(layer instanceof CowLayer cow)) {
                throw new DiskOpenException(cowPath, "not a COW file (no COW magic)");
            }
            Path target = backingPath != null ? backingPath : ChainOpener.backingFromHeader(cow);
            try (CowChain dest = CowChain.open(target, OpenOptions.writable())) {
                if (checks) {
                    BackingCheck.verify(cow, dest.layers().get(0));
                } else if (dest.size() != cow.size()) {
                    throw new BackingMismatchException(cowPath, target, "size", cow.size(), dest.size());
                }
                copyAllocated(cow, dest, progress);
                dest.flush();
            }
            if (empty) {
                emptyInto(cow, target, backingPath != null);
            }
        }
    }

    private static void copyAllocated(CowLayer cow, CowChain dest, Progress progress) throws IOException {
        Bitmap bits = cow.bitmap();
        long sectors = bits.sectors();
        ByteBuffer buf = ByteBuffer.allocateDirect(Flatten.CHUNK_SECTORS * CowHeader.SECTOR);
        long s = bits.nextSet(0);
        while (s < sectors) {
            long runEnd = Math.min(bits.nextClear(s), s + Flatten.CHUNK_SECTORS);
            int n = (int) (runEnd - s);
            buf.clear().limit(n * CowHeader.SECTOR);
            FileIo.readFully(cow.channel(), cow.position(s), buf);
            buf.flip();
            copyRun(dest, s, buf);
            progress.update(runEnd, sectors);
            s = bits.nextSet(runEnd);
        }
        progress.update(sectors, sectors);
    }

    /** Writes the run sector by sector group: zero sectors are discarded, the others written. */
    private static void copyRun(CowChain dest, long first, ByteBuffer buf) throws IOException {
        int n = buf.limit() / CowHeader.SECTOR;
        int i = 0;
        while (i < n) {
            boolean zero = isZeroSector(buf, i);
            int j = i + 1;
            while (j < n && isZeroSector(buf, j) == zero) {
                j++;
            }
            if (zero) {
                dest.discard(first + i, j - i);
            } else {
                buf.limit(j * CowHeader.SECTOR).position(i * CowHeader.SECTOR);
                dest.write(first + i, buf);
                buf.limit(n * CowHeader.SECTOR);
            }
            i = j;
        }
    }

    private static boolean isZeroSector(ByteBuffer buf, int i) {
        return Zeros.isZero(buf, i * CowHeader.SECTOR, (i + 1) * CowHeader.SECTOR);
    }

    /**
     * Records the backing's new mtime (and path, when one was named), clears the COW's bitmap,
     * then frees its data: in that order, so a crash at any point leaves a COW that reads the same.
     */
    private static void emptyInto(CowLayer cow, Path backing, boolean recordPath) throws IOException {
        CowHeader h = cow.header();
        CowHeader updated = h.withMtime(BackingCheck.mtimeSeconds(backing));
        cow.rewriteHeader(recordPath ? updated.withBackingPath(BackingCheck.recordedPathFor(backing)) : updated);
        cow.bitmap().clear(0, cow.bitmap().sectors());
        cow.writeDirtyBitmap();
        cow.channel().force(false);
        long dataEnd = Math.max(cow.channel().size(), h.createdFileLength());
        HolePuncher.get().punchIfSupported(cow.file(), h.dataOffset(), dataEnd - h.dataOffset());
        cow.channel().force(false);
    }
}
