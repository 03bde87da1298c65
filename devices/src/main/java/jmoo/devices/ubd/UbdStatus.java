package jmoo.devices.ubd;

/** Request status codes of ABI 1.0, written into the request block's status field. */
public enum UbdStatus {
    OK(0),
    /** The host's file I/O failed. */
    IO_ERROR(1),
    /** Malformed block: reserved fields, segments outside RAM, lengths, counts. */
    BAD_REQUEST(2),
    /** No disk in that slot. */
    NO_DISK(3),
    /** A write, discard or write-zeroes on a read-only disk. */
    READ_ONLY(4),
    /** Sectors beyond the disk's capacity. */
    OUT_OF_RANGE(5),
    /** An op that is unknown or not offered by this disk. */
    UNSUPPORTED(6);

    private final int code;

    UbdStatus(int code) {
        this.code = code;
    }

    /** The value the guest sees. */
    public int code() {
        return code;
    }
}
