package jmoo.devices.ubd;

import jmoo.disk.BlockDevice;

/**
 * A disk in one slot of the port block: the engine's {@link BlockDevice} as the guest sees it,
 * plus the request counters the monitor shows ({@code info disks}).
 *
 * <p>The guest sees {@code floor(size / 512)} sectors, as UML's ubd driver does: a partial last
 * sector of the file is not visible to the guest (the engine still keeps it in merges).
 */
public final class UbdDisk {
    private final BlockDevice device;
    private final long sectors;
    private final boolean syncWrites;
    private long reads;
    private long writes;
    private long flushes;
    private long discards;
    private long sectorsRead;
    private long sectorsWritten;
    private long errors;

    public UbdDisk(BlockDevice device) {
        this(device, false);
    }

    /** @param syncWrites flush after every write, as UML's {@code ubdNs=} flag does */
    public UbdDisk(BlockDevice device, boolean syncWrites) {
        this.device = device;
        this.sectors = device.size() / UbdAbi.SECTOR_SIZE;
        this.syncWrites = syncWrites;
    }

    public BlockDevice device() {
        return device;
    }

    /** Capacity in whole 512-byte sectors, as announced to the guest. */
    public long sectors() {
        return sectors;
    }

    public boolean readOnly() {
        return device.readOnly();
    }

    /** True when every write is made durable before the guest sees its status (UML's s flag). */
    public boolean syncWrites() {
        return syncWrites;
    }

    /** The disk info flags of ABI 1.0: writable disks take DISCARD and WRITE_ZEROES. */
    int infoFlags() {
        return readOnly() ? UbdAbi.INFO_READ_ONLY : UbdAbi.INFO_DISCARD | UbdAbi.INFO_WRITE_ZEROES;
    }

    void countRead(long count) {
        reads++;
        sectorsRead += count;
    }

    void countWrite(long count) {
        writes++;
        sectorsWritten += count;
    }

    void countFlush() {
        flushes++;
    }

    void countDiscard() {
        discards++;
    }

    void countError() {
        errors++;
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    public long flushes() {
        return flushes;
    }

    /** DISCARD and WRITE_ZEROES requests. */
    public long discards() {
        return discards;
    }

    public long sectorsRead() {
        return sectorsRead;
    }

    public long sectorsWritten() {
        return sectorsWritten;
    }

    /** Requests for this disk that did not end with status OK. */
    public long errors() {
        return errors;
    }
}
