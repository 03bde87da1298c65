package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A disk made of stacked layers, top first: zero or more COW files over a raw base (or a single
 * raw image). A read of sector s comes from the first layer, walking down, whose bitmap has s;
 * writes go to the top layer only. For a COW top, data reaches the file before its bitmap bit
 * (both in UML's order: the data, then the changed bitmap bytes); {@link #flush()} makes both
 * durable.
 */
public final class CowChain implements BlockDevice {
    private static final int SECTOR = CowHeader.SECTOR;

    private final Layer[] layers;
    private final Layer top;
    private final long size;
    private final long sectors;
    private final boolean writable;
    private final HolePuncher holes;

    private CowChain(List<Layer> layers, boolean writable) {
        this.layers = layers.toArray(new Layer[0]);
        this.top = this.layers[0];
        this.size = top.size();
        this.sectors = Sizes.ceilDiv(size, SECTOR);
        this.writable = writable;
        this.holes = HolePuncher.get();
    }

    /** Opens one file: a COW (its backing chain followed through the headers) or a raw image. */
    public static CowChain open(Path file, OpenOptions options) throws IOException {
        return open(List.of(file), options);
    }

    /**
     * Opens a chain from files named in UML's order ({@code COW,BACKING}) or base first
     * ({@code initial,previous,current}); the order is recognised by the COW magic of the first.
     */
    public static CowChain open(List<Path> files, OpenOptions options) throws IOException {
        return new CowChain(ChainOpener.open(files, options), options.write());
    }

    /** The layers, top first; the last one is the base. */
    public List<Layer> layers() {
        return List.of(layers);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public boolean readOnly() {
        return !writable;
    }

    /** The index of the layer that serves {@code sector}: the topmost that has it, else the base. */
    public int layerFor(long sector) {
        int last = layers.length - 1;
        for (int i = 0; i < last; i++) {
            if (layers[i].has(sector)) {
                return i;
            }
        }
        return last;
    }

    /**
     * The end (exclusive, at most {@code end}) of the run of sectors from {@code s} served by layer
     * {@code li}: it stops where a layer above starts holding sectors, or where {@code li} (unless
     * it is the base) stops. Each layer's bitmap is scanned a word at a time.
     */
    private long runEnd(long s, long end, int li) {
        long run = end;
        for (int i = 0; i < li; i++) {
            run = layers[i].nextHeld(s + 1, run);
        }
        if (li < layers.length - 1) {
            run = layers[li].nextNotHeld(s + 1, run);
        }
        return run;
    }

    /** Hot path: groups runs of sectors served by the same layer into one positional read each. */
    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        long count = checkRequest(sector, dst);
        int limit = dst.limit();
        long end = sector + count;
        try {
            long s = sector;
            while (s < end) {
                int li = layerFor(s);
                long run = runEnd(s, end, li);
                Layer layer = layers[li];
                dst.limit(dst.position() + (int) ((run - s) * SECTOR));
                FileIo.readFully(layer.channel, layer.position(s), dst);
                s = run;
            }
        } finally {
            dst.limit(limit);
        }
    }

    /**
     * True when every sector of the range comes from a hole (or past the end) of the file that
     * serves it, so it reads as zeros without being read. False when unsure.
     */
    public boolean isHole(long sector, long count, DataRegions regions) {
        long end = sector + count;
        long s = sector;
        while (s < end) {
            int li = layerFor(s);
            long run = runEnd(s, end, li);
            Layer layer = layers[li];
            if (!regions.isHole(layer.file(), layer.position(s), (run - s) * SECTOR)) {
                return false;
            }
            s = run;
        }
        return true;
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        long count = checkRequest(sector, src);
        checkWritable();
        if (top instanceof CowLayer cow) {
            FileIo.writeFully(cow.channel, cow.position(sector), src);
            if (cow.bitmap().set(sector, count)) {
                cow.writeDirtyBitmap();
            }
        } else {
            writeRawTop(sector, src);
        }
    }

    /** A raw top never grows: the part of a partial last sector past the end is dropped. */
    private void writeRawTop(long sector, ByteBuffer src) throws IOException {
        long pos = sector * SECTOR;
        int limit = src.limit();
        long room = size - pos;
        if (src.remaining() > room) {
            src.limit(src.position() + (int) room);
        }
        try {
            FileIo.writeFully(top.channel, pos, src);
        } finally {
            src.limit(limit).position(limit);
        }
    }

    @Override
    public void flush() throws IOException {
        if (writable) {
            top.channel.force(false);
        }
    }

    /** The sectors read as zeros afterwards: a hole is punched (or zeros written) in the top layer. */
    @Override
    public void discard(long sector, long count) throws IOException {
        if (sector < 0 || count < 0 || sector + count > sectors) {
            throw new IllegalArgumentException("discard of sectors " + sector + "+" + count + " outside 0.." + sectors);
        }
        checkWritable();
        long pos = top.position(sector);
        long len = count * SECTOR;
        if (top instanceof RawLayer) {
            len = Math.min(len, size - pos);
        }
        holes.zeroRange(top.file(), pos, len);
        if (top instanceof CowLayer cow && cow.bitmap().set(sector, count)) {
            cow.writeDirtyBitmap();
        }
    }

    private long checkRequest(long sector, ByteBuffer buf) {
        int bytes = buf.remaining();
        if ((bytes & (SECTOR - 1)) != 0) {
            throw new IllegalArgumentException("request of " + bytes + " bytes is not a whole number of sectors");
        }
        long count = bytes / SECTOR;
        if (sector < 0 || sector + count > sectors) {
            throw new IllegalArgumentException("sectors " + sector + "+" + count + " outside the disk's 0.." + sectors);
        }
        return count;
    }

    private void checkWritable() throws ReadOnlyDiskException {
        if (!writable) {
            throw new ReadOnlyDiskException(top.path().toString());
        }
    }

    /** Closes every layer (a flush first when writable). */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (writable) {
            try {
                flush();
            } catch (IOException e) {
                failure = e;
            }
        }
        for (Layer l : layers) {
            try {
                l.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
