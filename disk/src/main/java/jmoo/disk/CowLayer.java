package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A UML COW file: its header, and its bitmap held in memory. */
public final class CowLayer extends Layer {
    private CowHeader header;
    private final Bitmap bitmap;
    private final long dataOffset;

    CowLayer(Path path, OpenFile file, CowHeader header) throws IOException {
        super(path, file);
        this.header = header;
        this.dataOffset = header.dataOffset();
        this.bitmap = new Bitmap(header.sectors());
        // v1/v2 files may keep the last bits past their short bitmap: read them where UML does
        ByteBuffer dst = ByteBuffer.wrap(bitmap.array());
        FileIo.readFully(channel, header.bitmapOffset(), dst);
    }

    public CowHeader header() {
        return header;
    }

    public Bitmap bitmap() {
        return bitmap;
    }

    @Override
    public long size() {
        return header.size();
    }

    @Override
    public boolean has(long sector) {
        return bitmap.get(sector);
    }

    @Override
    long nextHeld(long from, long limit) {
        return bitmap.nextSet(from, limit);
    }

    @Override
    long nextNotHeld(long from, long limit) {
        return bitmap.nextClear(from, limit);
    }

    @Override
    long position(long sector) {
        return dataOffset + sector * CowHeader.SECTOR;
    }

    @Override
    public long allocatedSectors() {
        return bitmap.countSet();
    }

    /** True when the file's bitmap has room for every sector's bit (always for v3). */
    boolean bitmapCoversDisk() {
        return header.bitmapLength() >= header.bitmapBytesForAllSectors();
    }

    /** Writes the bitmap bytes changed since the last call. */
    void writeDirtyBitmap() throws IOException {
        if (!bitmap.dirty()) {
            return;
        }
        ByteBuffer view = bitmap.view();
        view.limit(bitmap.dirtyTo() + 1).position(bitmap.dirtyFrom());
        long pos = header.bitmapOffset() + bitmap.dirtyFrom();
        try {
            FileIo.writeFully(channel, pos, view);
        } finally {
            view.clear();
        }
        bitmap.clearDirty();
    }

    /** Rewrites the header in place (its own layout), e.g. a new backing path or mtime. */
    void rewriteHeader(CowHeader updated) throws IOException {
        if (!writable) {
            throw new ReadOnlyDiskException(path.toString());
        }
        FileIo.writeFully(channel, 0, CowHeaderCodec.encode(path, updated));
        header = updated;
    }
}
