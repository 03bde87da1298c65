package jmoo.devices.ubd;

import static jmoo.devices.ubd.UbdAbi.HEADER_SIZE;
import static jmoo.devices.ubd.UbdAbi.MAX_SEGMENTS;
import static jmoo.devices.ubd.UbdAbi.SEGMENT_SIZE;

import jmoo.devices.PhysicalMemory;

/**
 * One request block copied out of guest RAM (ABI.md, "Request block"), reused for every request
 * so the hot path allocates nothing. {@link #load} copies the header and the whole segment table
 * before anything is validated or performed, so a READ into the block's own memory cannot change
 * a request that is already checked.
 */
final class RequestBlock {
    long address;
    int op;
    int disk;
    int segmentCount;
    /** First sector: an unsigned 64-bit value, negative here when above 2^63. */
    long sector;
    /** Unsigned 32-bit count. */
    long sectorCount;
    final long[] segmentAddress = new long[MAX_SEGMENTS];
    /** Unsigned 32-bit lengths. */
    final long[] segmentLength = new long[MAX_SEGMENTS];

    /**
     * Copies the block at guest physical {@code blockAddress}. Returns the problem that makes it
     * unreadable (null when it was loaded): the header or the segment table outside RAM, a
     * nonzero reserved field, more than {@link UbdAbi#MAX_SEGMENTS} segments.
     */
    String load(PhysicalMemory memory, long blockAddress) {
        address = blockAddress;
        if (!memory.contains(blockAddress, HEADER_SIZE)) {
            return "request block outside RAM";
        }
        int a = (int) blockAddress;
        op = memory.read8(a + UbdAbi.OFFSET_OP);
        disk = memory.read8(a + UbdAbi.OFFSET_DISK);
        segmentCount = memory.read16(a + UbdAbi.OFFSET_NSEGS);
        sector = read64(memory, a + UbdAbi.OFFSET_SECTOR);
        sectorCount = Integer.toUnsignedLong(memory.read32(a + UbdAbi.OFFSET_NSECTORS));
        if (memory.read32(a + UbdAbi.OFFSET_RESERVED) != 0) {
            return "reserved header field is not 0";
        }
        if (segmentCount > MAX_SEGMENTS) {
            return "more than " + MAX_SEGMENTS + " segments";
        }
        if (!memory.contains(blockAddress + HEADER_SIZE, (long) segmentCount * SEGMENT_SIZE)) {
            return "segment table outside RAM";
        }
        return loadSegments(memory, a + HEADER_SIZE);
    }

    private String loadSegments(PhysicalMemory memory, int table) {
        for (int i = 0; i < segmentCount; i++) {
            int s = table + i * SEGMENT_SIZE;
            segmentAddress[i] = read64(memory, s + UbdAbi.SEGMENT_OFFSET_ADDR);
            segmentLength[i] = Integer.toUnsignedLong(memory.read32(s + UbdAbi.SEGMENT_OFFSET_LEN));
            if (memory.read32(s + UbdAbi.SEGMENT_OFFSET_RESERVED) != 0) {
                return "reserved field of segment " + i + " is not 0";
            }
        }
        return null;
    }

    /** Writes the status into the block (which {@link #load} found inside RAM). */
    void writeStatus(PhysicalMemory memory, UbdStatus status) {
        int at = (int) address + UbdAbi.OFFSET_STATUS;
        memory.write32(at, status.code());
        memory.written(at, 4);
    }

    private static long read64(PhysicalMemory memory, int address) {
        return Integer.toUnsignedLong(memory.read32(address))
                | (long) memory.read32(address + 4) << 32;
    }
}
