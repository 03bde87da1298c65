package jmoo.devices.ubd;

import jmoo.devices.PhysicalMemory;

/**
 * What the guest driver does, for the tests: builds request blocks in guest RAM the way
 * jmoo_ubd.c lays them out and submits them through the ports.
 */
final class GuestRequests {
    private final PhysicalMemory memory;
    private final UbdPortBlock ports;

    GuestRequests(PhysicalMemory memory, UbdPortBlock ports) {
        this.memory = memory;
        this.ports = ports;
    }

    /** Writes a block header at {@code block}, status preset to 0xFFFFFFFF like the driver. */
    void header(int block, int op, int disk, long sector, long sectorCount, int segments) {
        memory.write8(block + UbdAbi.OFFSET_OP, op);
        memory.write8(block + UbdAbi.OFFSET_DISK, disk);
        memory.write16(block + UbdAbi.OFFSET_NSEGS, segments);
        memory.write32(block + UbdAbi.OFFSET_STATUS, -1);
        write64(block + UbdAbi.OFFSET_SECTOR, sector);
        memory.write32(block + UbdAbi.OFFSET_NSECTORS, (int) sectorCount);
        memory.write32(block + UbdAbi.OFFSET_RESERVED, 0);
    }

    void segment(int block, int index, long address, long length) {
        int s = block + UbdAbi.HEADER_SIZE + index * UbdAbi.SEGMENT_SIZE;
        write64(s + UbdAbi.SEGMENT_OFFSET_ADDR, address);
        memory.write32(s + UbdAbi.SEGMENT_OFFSET_LEN, (int) length);
        memory.write32(s + UbdAbi.SEGMENT_OFFSET_RESERVED, 0);
    }

    /** Builds a READ/WRITE with the given segments ({address, length} pairs) and submits it. */
    int transfer(int block, int op, int disk, long sector, long... addressLengthPairs) {
        long total = 0;
        for (int i = 1; i < addressLengthPairs.length; i += 2) {
            total += addressLengthPairs[i];
        }
        header(block, op, disk, sector, total / 512, addressLengthPairs.length / 2);
        for (int i = 0; i < addressLengthPairs.length / 2; i++) {
            segment(block, i, addressLengthPairs[2 * i], addressLengthPairs[2 * i + 1]);
        }
        return submit(block);
    }

    /** A request without segments (FLUSH, DISCARD, WRITE_ZEROES). */
    int simple(int block, int op, int disk, long sector, long sectorCount) {
        header(block, op, disk, sector, sectorCount, 0);
        return submit(block);
    }

    int info(int block, int disk, int infoAddress) {
        header(block, UbdAbi.OP_INFO, disk, 0, 0, 1);
        segment(block, 0, infoAddress, UbdAbi.INFO_SIZE);
        return submit(block);
    }

    /** OUT to SUBMIT; returns the status the device wrote into the block. */
    int submit(int block) {
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 4, block);
        return memory.read32(block + UbdAbi.OFFSET_STATUS);
    }

    int register(int offset) {
        return ports.in(UbdAbi.BASE_PORT + offset, 4);
    }

    void control(int command, int arg) {
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_ARG, 4, arg);
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_CONTROL, 4, command);
    }

    long read64(int address) {
        return Integer.toUnsignedLong(memory.read32(address)) | (long) memory.read32(address + 4) << 32;
    }

    private void write64(int address, long value) {
        memory.write32(address, (int) value);
        memory.write32(address + 4, (int) (value >>> 32));
    }
}
