package jmoo.disk;

import java.io.IOException;
import java.nio.file.Path;

/** A plain disk image: sector s at byte s*512; bytes past the end of the file read as zeros. */
public final class RawLayer extends Layer {
    private final long size;

    RawLayer(Path path, OpenFile file) throws IOException {
        super(path, file);
        this.size = file.channel().size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean has(long sector) {
        return true;
    }

    @Override
    long nextHeld(long from, long limit) {
        return Math.min(from, limit);
    }

    @Override
    long nextNotHeld(long from, long limit) {
        return limit;
    }

    @Override
    long position(long sector) {
        return sector * CowHeader.SECTOR;
    }

    @Override
    public long allocatedSectors() {
        return Sizes.ceilDiv(size, CowHeader.SECTOR);
    }
}
