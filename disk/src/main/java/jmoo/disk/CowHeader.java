package jmoo.disk;

/**
 * The fields of a UML COW header and the layout they imply (DESIGN.md section 2).
 *
 * @param version     which header layout
 * @param backingPath the backing file as recorded (absolute when we or uml_mkcow wrote it)
 * @param mtime       the backing file's modification time in whole seconds when the COW was made
 * @param size        the backing file's size in bytes, which is the size of the disk
 * @param sectorSize  bytes per sector (512 in every file seen in practice)
 * @param alignment   the bitmap and the data start at multiples of this (v1/v2: the sector size)
 * @param cowFormat   v3 only: 0 means "bitmap", the only format there is
 */
public record CowHeader(CowVersion version, String backingPath, long mtime, long size, int sectorSize,
        int alignment, int cowFormat) {

    /** The only sector size the engine serves. */
    public static final int SECTOR = 512;
    /** What uml_mkcow writes. */
    public static final int UML_ALIGNMENT = 4096;

    /** The header uml_mkcow writes for a backing file with this absolute path, size and mtime. */
    public static CowHeader v3(String absoluteBackingPath, long size, long mtimeSeconds) {
        return new CowHeader(CowVersion.V3, absoluteBackingPath, mtimeSeconds, size, SECTOR, UML_ALIGNMENT, 0);
    }

    /** The same header pointing at another backing path (size and mtime kept). */
    public CowHeader withBackingPath(String path) {
        return new CowHeader(version, path, mtime, size, sectorSize, alignment, cowFormat);
    }

    /** The same header recording another backing modification time. */
    public CowHeader withMtime(long seconds) {
        return new CowHeader(version, backingPath, seconds, size, sectorSize, alignment, cowFormat);
    }

    /** Sectors of the disk, the last one possibly partial. */
    public long sectors() {
        return Sizes.ceilDiv(size, sectorSize);
    }

    /**
     * Where the bitmap starts. v3: the header rounded up to the alignment. v1/v2: right after the
     * header, unrounded (280, 4120), which is where uml_moo reads it.
     */
    public long bitmapOffset() {
        if (version == CowVersion.V1 || version == CowVersion.V2) {
            return version.headerSize;
        }
        return roundUp(version.headerSize, alignment);
    }

    /**
     * Bytes of bitmap UML reads and writes. v1/v2 keep UML's historic rounding, which can leave
     * the last sectors' bits past the bitmap's end (they then overlap the data area).
     */
    public long bitmapLength() {
        if (version == CowVersion.V1 || version == CowVersion.V2) {
            return (size + sectorSize - 1) / (8L * sectorSize);
        }
        return Sizes.ceilDiv(sectors(), 8);
    }

    /** Bytes needed to hold one bit per sector, whatever the version says. */
    public long bitmapBytesForAllSectors() {
        return Sizes.ceilDiv(sectors(), 8);
    }

    public long dataOffset() {
        long end = bitmapOffset() + bitmapLength();
        if (version == CowVersion.V1 || version == CowVersion.V2) {
            return roundUp(end, sectorSize);
        }
        return roundUp(end, alignment);
    }

    /** Length of the file uml_mkcow creates: the data area exactly as large as the disk. */
    public long createdFileLength() {
        return dataOffset() + size;
    }

    static long roundUp(long value, long multiple) {
        return Sizes.ceilDiv(value, multiple) * multiple;
    }
}
