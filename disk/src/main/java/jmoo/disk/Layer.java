package jmoo.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One file of a chain: a COW file ({@link CowLayer}) or the raw base image ({@link RawLayer}).
 * A layer answers two questions for the chain's read walk: does it hold sector s, and where.
 */
public abstract sealed class Layer implements Closeable permits CowLayer, RawLayer {
    final Path path;
    final FileChannel channel;
    final boolean writable;
    private final OpenFile file;

    Layer(Path path, OpenFile file) {
        this.path = path;
        this.file = file;
        this.channel = file.channel();
        this.writable = file.writable();
    }

    /** The file, as it was named when the chain was opened. */
    public Path path() {
        return path;
    }

    public boolean writable() {
        return writable;
    }

    /** The disk size this layer presents, in bytes. */
    public abstract long size();

    /** True when this layer holds its own copy of the sector. */
    public abstract boolean has(long sector);

    /** The first sector in [from, limit) this layer holds, or {@code limit} when none. */
    abstract long nextHeld(long from, long limit);

    /** The first sector in [from, limit) this layer does not hold, or {@code limit} when none. */
    abstract long nextNotHeld(long from, long limit);

    /** Byte offset of the sector in this layer's file. */
    abstract long position(long sector);

    /** Sectors this layer holds (for a raw layer: every sector of the disk). */
    public abstract long allocatedSectors();

    OpenFile file() {
        return file;
    }

    FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        file.release();
    }

    /**
     * Opens one file as a layer, without following its backing: a COW when it starts with the
     * COW magic, a raw image otherwise. Writing takes the exclusive lock, reading a shared one.
     */
    public static Layer open(Path file, boolean write) throws IOException {
        OpenFile f = OpenFile.open(file, write);
        try {
            if (!CowHeaderCodec.isCow(f.channel())) {
                return new RawLayer(file, f);
            }
            CowLayer cow = new CowLayer(file, f, CowHeaderCodec.read(file, f.channel()));
            if (write && !cow.bitmapCoversDisk()) {
                throw new DiskOpenException(file, "this version " + cow.header().version().number
                        + " COW file's bitmap is too short for its last sectors (a historic UML bug); open it read-only"
                        + " and merge it");
            }
            return cow;
        } catch (IOException | RuntimeException e) {
            f.release();
            throw e;
        }
    }
}
