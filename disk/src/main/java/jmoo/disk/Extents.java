package jmoo.disk;

import java.util.ArrayList;
import java.util.List;

/**
 * Which sectors a layer holds, as runs: a COW's set bits, or the data regions of a raw image
 * (holes left out when lseek SEEK_DATA/SEEK_HOLE is available; otherwise the whole disk).
 */
public final class Extents {
    private Extents() {
    }

    public static List<Extent> of(Layer layer, DataRegions regions) {
        if (layer instanceof CowLayer cow) {
            return ofBitmap(cow.bitmap());
        }
        return ofRaw((RawLayer) layer, regions);
    }

    static List<Extent> ofBitmap(Bitmap bits) {
        List<Extent> out = new ArrayList<>();
        long s = bits.nextSet(0);
        while (s < bits.sectors()) {
            long end = bits.nextClear(s);
            out.add(new Extent(s, end - s));
            s = bits.nextSet(end);
        }
        return out;
    }

    private static List<Extent> ofRaw(RawLayer raw, DataRegions regions) {
        List<Extent> out = new ArrayList<>();
        long size = raw.size();
        long pos = regions.nextData(raw.file(), 0);
        while (pos < size) {
            long hole = Math.min(regions.nextHole(raw.file(), pos, size), size);
            long first = pos / CowHeader.SECTOR;
            long end = Sizes.ceilDiv(hole, CowHeader.SECTOR);
            if (!out.isEmpty() && out.get(out.size() - 1).end() >= first) {
                Extent last = out.remove(out.size() - 1);
                first = last.start();
            }
            out.add(new Extent(first, end - first));
            if (hole >= size) {
                break;
            }
            pos = regions.nextData(raw.file(), hole);
        }
        return out;
    }
}
