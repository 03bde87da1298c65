package jmoo.disk;

/**
 * The UML COW header layouts (DESIGN.md section 2). Offsets are bytes from the start of the file;
 * {@code alignmentOffset} and {@code formatOffset} are -1 where the layout has no such field.
 */
public enum CowVersion {
    /** Version 1, host endian, 256-byte path. */
    V1(1, 8, 256, 264, 268, 276, -1, -1, 280),
    /** Version 2, big endian, 4096-byte path. */
    V2(2, 8, 4096, 4104, 4108, 4116, -1, -1, 4120),
    /** Version 3 packed, big endian: what uml_mkcow and UML write. */
    V3(3, 32, 4096, 8, 12, 20, 24, 28, 4128),
    /**
     * Version 3 as old 64-bit builds wrote it: an 8-byte mtime field, so every later field sits 4
     * bytes further. Those builds stored htonl(mtime) in it, so the value is a big-endian u32 in
     * the field's first four bytes (then four zero bytes); UML and uml_moo read it that way.
     */
    V3_BROKEN(3, 36, 4096, 8, 16, 24, 28, 32, 4136);

    public final int number;
    public final int pathOffset;
    public final int pathLength;
    public final int mtimeOffset;
    public final int sizeOffset;
    public final int sectorSizeOffset;
    public final int alignmentOffset;
    public final int formatOffset;
    public final int headerSize;

    CowVersion(int number, int pathOffset, int pathLength, int mtimeOffset, int sizeOffset,
            int sectorSizeOffset, int alignmentOffset, int formatOffset, int headerSize) {
        this.number = number;
        this.pathOffset = pathOffset;
        this.pathLength = pathLength;
        this.mtimeOffset = mtimeOffset;
        this.sizeOffset = sizeOffset;
        this.sectorSizeOffset = sectorSizeOffset;
        this.alignmentOffset = alignmentOffset;
        this.formatOffset = formatOffset;
        this.headerSize = headerSize;
    }

    /** The largest header of any layout: reading this many bytes is enough to decode any of them. */
    public static final int MAX_HEADER_SIZE = 4136;
}
