package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads every UML COW header layout and writes version 3 exactly as uml_mkcow does. Decoding
 * validates every field before anything is sized from it, so a hostile header fails with a
 * {@link CowFormatException} instead of a huge allocation.
 */
public final class CowHeaderCodec {
    public static final int MAGIC = 0x4F4F4F4D;
    /** Larger disks are refused: 2^53 bytes keeps every offset computation far from overflow. */
    public static final long MAX_SIZE = 1L << 53;
    static final int MAX_ALIGNMENT = 1 << 24;

    private CowHeaderCodec() {
    }

    /** True when the file starts with the COW magic (either byte order). */
    public static boolean isCow(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // keep reading
        }
        if (b.hasRemaining()) {
            return false;
        }
        int be = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        return be == MAGIC || Integer.reverseBytes(be) == MAGIC;
    }

    /** Reads and validates the header of {@code file} through {@code ch}. */
    public static CowHeader read(Path file, FileChannel ch) throws IOException {
        long length = ch.size();
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, CowVersion.MAX_HEADER_SIZE));
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // keep reading
        }
        b.flip();
        CowHeader h = decode(file, b);
        checkFileHoldsBitmap(file, h, length);
        return h;
    }

    /** Decodes a header from the start of {@code b} (position 0, limit = bytes available). */
    public static CowHeader decode(Path file, ByteBuffer b) throws CowFormatException {
        need(file, b, 8, "an 8-byte magic and version");
        int magic = b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
        ByteOrder order;
        if (magic == MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new CowFormatException(file, 0, "COW magic 0x4F4F4F4D", String.format("0x%08X", magic));
        }
        ByteBuffer v = b.duplicate().order(order);
        int number = v.getInt(4);
        CowVersion version = versionOf(file, v, number, order);
        need(file, b, version.headerSize, "a complete version " + number + " header of " + version.headerSize + " bytes");
        String path = pathOf(file, v, version);
        long mtime = Integer.toUnsignedLong(v.getInt(version.mtimeOffset));
        long size = v.getLong(version.sizeOffset);
        int sectorSize = v.getInt(version.sectorSizeOffset);
        if (sectorSize != CowHeader.SECTOR) {
            throw new CowFormatException(file, version.sectorSizeOffset, "sector size 512", Integer.toString(sectorSize));
        }
        int alignment = version.alignmentOffset < 0 ? sectorSize : v.getInt(version.alignmentOffset);
        if (alignment <= 0 || alignment > MAX_ALIGNMENT || Integer.bitCount(alignment) != 1) {
            throw new CowFormatException(file, version.alignmentOffset, "an alignment that is a power of two up to "
                    + MAX_ALIGNMENT, Integer.toString(alignment));
        }
        int format = version.formatOffset < 0 ? 0 : v.getInt(version.formatOffset);
        if (format != 0) {
            throw new CowFormatException(file, version.formatOffset, "COW format 0 (bitmap)", Integer.toString(format));
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new CowFormatException(file, version.sizeOffset, "a disk size from 0 to 2^53 bytes",
                    Long.toUnsignedString(size));
        }
        return new CowHeader(version, path, mtime, size, sectorSize, alignment, format);
    }

    private static CowVersion versionOf(Path file, ByteBuffer v, int number, ByteOrder order) throws CowFormatException {
        if (order == ByteOrder.LITTLE_ENDIAN && number != 1) {
            throw new CowFormatException(file, 4, "version 1 (the only little-endian layout)", Integer.toString(number));
        }
        switch (number) {
            case 1:
                return CowVersion.V1;
            case 2:
                return CowVersion.V2;
            case 3:
                // the broken 64-bit layout has its 4-byte cow_format (0) where the path starts
                return v.limit() >= 36 && v.getInt(32) == 0 ? CowVersion.V3_BROKEN : CowVersion.V3;
            default:
                throw new CowFormatException(file, 4, "version 1, 2 or 3", Integer.toString(number));
        }
    }

    private static String pathOf(Path file, ByteBuffer v, CowVersion version) throws CowFormatException {
        int end = -1;
        for (int i = 0; i < version.pathLength; i++) {
            if (v.get(version.pathOffset + i) == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new CowFormatException(file, version.pathOffset, "a NUL-terminated backing path within "
                    + version.pathLength + " bytes", "no NUL");
        }
        byte[] bytes = new byte[end];
        v.get(version.pathOffset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void need(Path file, ByteBuffer b, int bytes, String what) throws CowFormatException {
        if (b.limit() < bytes) {
            throw new CowFormatException(file, b.limit(), what, "end of file after " + b.limit() + " bytes");
        }
    }

    private static void checkFileHoldsBitmap(Path file, CowHeader h, long length) throws CowFormatException {
        long end = h.bitmapOffset() + h.bitmapLength();
        if (length < end) {
            throw new CowFormatException(file, length, "a bitmap of " + h.bitmapLength() + " bytes at offset "
                    + h.bitmapOffset() + " (the file ends before it)", "end of file");
        }
        if (h.bitmapBytesForAllSectors() > Integer.MAX_VALUE - 16) {
            throw new CowFormatException(file, h.version().sizeOffset, "a disk small enough for an in-memory bitmap",
                    h.size() + " bytes");
        }
    }

    /**
     * Encodes a header in its own layout ({@link CowVersion#headerSize} bytes, the path NUL-padded).
     * Version 3 comes out exactly as uml_mkcow writes it; version 1 little-endian, as x86 UML did.
     */
    public static ByteBuffer encode(Path file, CowHeader h) throws CowFormatException {
        CowVersion v = h.version();
        byte[] path = h.backingPath().getBytes(StandardCharsets.UTF_8);
        if (path.length >= v.pathLength) {
            throw new CowFormatException(file, v.pathOffset, "a backing path shorter than " + v.pathLength + " bytes",
                    path.length + " bytes");
        }
        ByteOrder order = v == CowVersion.V1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.allocate(v.headerSize).order(order);
        b.putInt(0, MAGIC);
        b.putInt(4, v.number);
        b.putInt(v.mtimeOffset, (int) h.mtime());
        b.putLong(v.sizeOffset, h.size());
        b.putInt(v.sectorSizeOffset, h.sectorSize());
        if (v.alignmentOffset >= 0) {
            b.putInt(v.alignmentOffset, h.alignment());
            b.putInt(v.formatOffset, h.cowFormat());
        }
        b.put(v.pathOffset, path);
        return b;
    }
}
