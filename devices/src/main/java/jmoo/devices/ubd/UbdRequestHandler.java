package jmoo.devices.ubd;

import static jmoo.devices.ubd.UbdAbi.MAX_SECTORS;
import static jmoo.devices.ubd.UbdAbi.SECTOR_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import jmoo.devices.PhysicalMemory;

/**
 * Validates a loaded {@link RequestBlock} against the disks and guest RAM, then performs it:
 * data moves straight between the disk's files and the guest RAM array through one reusable
 * {@link ByteBuffer} over that array (no copy, no allocation per request). Every failure is a
 * status for the guest and a count for the host; nothing here throws.
 */
final class UbdRequestHandler {
    private final PhysicalMemory memory;
    private final UbdDisk[] disks;
    private final UbdCounters counters;
    private final ByteBuffer ram;

    UbdRequestHandler(PhysicalMemory memory, UbdDisk[] disks, UbdCounters counters) {
        this.memory = memory;
        this.disks = disks;
        this.counters = counters;
        this.ram = ByteBuffer.wrap(memory.array());
    }

    UbdStatus handle(RequestBlock r) {
        if (r.op > UbdAbi.OP_INFO) {
            return refuse(r, UbdStatus.UNSUPPORTED, "unknown op " + r.op, null);
        }
        UbdDisk disk = r.disk < disks.length ? disks[r.disk] : null;
        if (disk == null) {
            return refuse(r, UbdStatus.NO_DISK, "no disk in slot " + r.disk, null);
        }
        return switch (r.op) {
            case UbdAbi.OP_READ, UbdAbi.OP_WRITE -> transfer(r, disk);
            case UbdAbi.OP_FLUSH -> flush(r, disk);
            case UbdAbi.OP_DISCARD, UbdAbi.OP_WRITE_ZEROES -> discard(r, disk);
            default -> info(r, disk);
        };
    }

    private UbdStatus transfer(RequestBlock r, UbdDisk disk) {
        boolean write = r.op == UbdAbi.OP_WRITE;
        String problem = checkSegments(r);
        if (problem != null) {
            return refuse(r, UbdStatus.BAD_REQUEST, problem, disk);
        }
        if (write && disk.readOnly()) {
            return refuse(r, UbdStatus.READ_ONLY, "write to a read-only disk", disk);
        }
        if (!inside(r.sector, r.sectorCount, disk)) {
            return refuse(r, UbdStatus.OUT_OF_RANGE, outOfRange(r, disk), disk);
        }
        try {
            long sector = r.sector;
            for (int i = 0; i < r.segmentCount; i++) {
                int address = (int) r.segmentAddress[i];
                int length = (int) r.segmentLength[i];
                ram.clear().limit(address + length).position(address);
                if (write) {
                    disk.device().write(sector, ram);
                } else {
                    disk.device().read(sector, ram);
                    memory.written(address, length);
                }
                sector += length / SECTOR_SIZE;
            }
            if (write && disk.syncWrites()) {
                disk.device().flush();
            }
        } catch (IOException | RuntimeException e) {
            return failed(r, disk, e);
        }
        if (write) {
            disk.countWrite(r.sectorCount);
        } else {
            disk.countRead(r.sectorCount);
        }
        return UbdStatus.OK;
    }

    /** Checks the segments of a READ/WRITE; returns what is wrong, or null. */
    private String checkSegments(RequestBlock r) {
        if (r.segmentCount == 0) {
            return "READ/WRITE without segments";
        }
        if (r.sectorCount == 0 || r.sectorCount > MAX_SECTORS) {
            return "sector count " + r.sectorCount + " not in 1.." + MAX_SECTORS;
        }
        long total = 0;
        for (int i = 0; i < r.segmentCount; i++) {
            long length = r.segmentLength[i];
            if (length == 0 || length % SECTOR_SIZE != 0) {
                return "segment " + i + " length " + length + " is not a positive multiple of 512";
            }
            if (!insideRam(r.segmentAddress[i], length)) {
                return String.format("segment %d [0x%x, +%d) is outside RAM", i, r.segmentAddress[i], length);
            }
            total += length;
        }
        if (total != r.sectorCount * SECTOR_SIZE) {
            return "segments hold " + total + " bytes, not " + r.sectorCount + " sectors";
        }
        return null;
    }

    private UbdStatus flush(RequestBlock r, UbdDisk disk) {
        if (r.segmentCount != 0) {
            return refuse(r, UbdStatus.BAD_REQUEST, "FLUSH with segments", disk);
        }
        try {
            if (!disk.readOnly()) {
                disk.device().flush();
            }
        } catch (IOException | RuntimeException e) {
            return failed(r, disk, e);
        }
        disk.countFlush();
        return UbdStatus.OK;
    }

    /** DISCARD and WRITE_ZEROES: both make the range read as zeros (the engine's discard). */
    private UbdStatus discard(RequestBlock r, UbdDisk disk) {
        if (r.segmentCount != 0 || r.sectorCount == 0) {
            return refuse(r, UbdStatus.BAD_REQUEST, "DISCARD/WRITE_ZEROES needs 0 segments and a count", disk);
        }
        if (disk.readOnly()) {
            return refuse(r, UbdStatus.READ_ONLY, "discard on a read-only disk", disk);
        }
        if (!inside(r.sector, r.sectorCount, disk)) {
            return refuse(r, UbdStatus.OUT_OF_RANGE, outOfRange(r, disk), disk);
        }
        try {
            disk.device().discard(r.sector, r.sectorCount);
        } catch (IOException | RuntimeException e) {
            return failed(r, disk, e);
        }
        disk.countDiscard();
        return UbdStatus.OK;
    }

    private UbdStatus info(RequestBlock r, UbdDisk disk) {
        if (r.segmentCount != 1 || r.segmentLength[0] < UbdAbi.INFO_SIZE
                || !insideRam(r.segmentAddress[0], UbdAbi.INFO_SIZE)) {
            return refuse(r, UbdStatus.BAD_REQUEST, "INFO needs one segment of 32 bytes in RAM", disk);
        }
        int a = (int) r.segmentAddress[0];
        for (int i = 0; i < UbdAbi.INFO_SIZE; i += 4) {
            memory.write32(a + i, 0);
        }
        memory.write32(a + UbdAbi.INFO_OFFSET_SECTORS, (int) disk.sectors());
        memory.write32(a + UbdAbi.INFO_OFFSET_SECTORS + 4, (int) (disk.sectors() >>> 32));
        memory.write32(a + UbdAbi.INFO_OFFSET_FLAGS, disk.infoFlags());
        memory.write32(a + UbdAbi.INFO_OFFSET_MAX_SECTORS, MAX_SECTORS);
        memory.written(a, UbdAbi.INFO_SIZE);
        return UbdStatus.OK;
    }

    /**
     * True when {@code [address, address+length)} lies inside guest RAM. A segment address is a
     * 64-bit guest value: compared without forming {@code address + length}, which overflows
     * for addresses just below 2^63.
     */
    private boolean insideRam(long address, long length) {
        return address >= 0 && length >= 0 && length <= memory.size() && address <= memory.size() - length;
    }

    /** True when {@code [sector, sector+count)} lies inside the disk (unsigned sector). */
    private static boolean inside(long sector, long count, UbdDisk disk) {
        return sector >= 0 && sector <= disk.sectors() && count <= disk.sectors() - sector;
    }

    private static String outOfRange(RequestBlock r, UbdDisk disk) {
        return String.format("sectors %s+%d beyond the disk's %d", Long.toUnsignedString(r.sector),
                r.sectorCount, disk.sectors());
    }

    private UbdStatus refuse(RequestBlock r, UbdStatus status, String problem, UbdDisk disk) {
        counters.problem(String.format("request at 0x%x: %s", r.address, problem));
        if (disk != null) {
            disk.countError();
        }
        return status;
    }

    private UbdStatus failed(RequestBlock r, UbdDisk disk, Exception e) {
        counters.hostError(String.format("request at 0x%x on slot %d: %s", r.address, r.disk, e));
        disk.countError();
        return UbdStatus.IO_ERROR;
    }
}
