package jmoo.devices.ubd;

/**
 * The numbers of the jmoo paravirtual port block, ABI 1.1, as specified in images/ubd/ABI.md
 * and used by the guest driver images/ubd/jmoo_ubd.c. Keep the three in step.
 */
public final class UbdAbi {
    private UbdAbi() {
    }

    // --- ports: 32-bit registers at offsets from BASE_PORT -----------------------------------
    public static final int BASE_PORT = 0x0F00;
    public static final int PORT_COUNT = 0x20;
    public static final int REG_SIGNATURE = 0x00;
    public static final int REG_VERSION = 0x04;
    public static final int REG_DISK_SLOTS = 0x08;
    public static final int REG_SUBMIT = 0x0C;
    public static final int REG_ARG = 0x10;
    public static final int REG_CONTROL = 0x14;
    /** Changes whenever a disk is attached or detached (ABI 1.1: the guest polls it). */
    public static final int REG_GENERATION = 0x18;

    /** The bytes "JMOO" read as a little-endian 32-bit value. */
    public static final int SIGNATURE = 0x4F4F4D4A;
    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 1;
    public static final int VERSION = VERSION_MAJOR << 16 | VERSION_MINOR;

    // --- request block -------------------------------------------------------------------
    public static final int OP_READ = 0;
    public static final int OP_WRITE = 1;
    public static final int OP_FLUSH = 2;
    public static final int OP_DISCARD = 3;
    public static final int OP_WRITE_ZEROES = 4;
    public static final int OP_INFO = 5;

    public static final int HEADER_SIZE = 24;
    public static final int OFFSET_OP = 0;
    public static final int OFFSET_DISK = 1;
    public static final int OFFSET_NSEGS = 2;
    public static final int OFFSET_STATUS = 4;
    public static final int OFFSET_SECTOR = 8;
    public static final int OFFSET_NSECTORS = 16;
    public static final int OFFSET_RESERVED = 20;

    public static final int SEGMENT_SIZE = 16;
    public static final int SEGMENT_OFFSET_ADDR = 0;
    public static final int SEGMENT_OFFSET_LEN = 8;
    public static final int SEGMENT_OFFSET_RESERVED = 12;

    public static final int MAX_SEGMENTS = 128;
    public static final int MAX_DISKS = 16;
    /** Largest READ/WRITE in sectors (1 MiB), announced in the disk info. */
    public static final int MAX_SECTORS = 2048;
    public static final int SECTOR_SIZE = 512;

    // --- disk info (answer to OP_INFO) -----------------------------------------------------
    public static final int INFO_SIZE = 32;
    public static final int INFO_OFFSET_SECTORS = 0;
    public static final int INFO_OFFSET_FLAGS = 8;
    public static final int INFO_OFFSET_MAX_SECTORS = 12;
    public static final int INFO_READ_ONLY = 1;
    public static final int INFO_DISCARD = 1 << 1;
    public static final int INFO_WRITE_ZEROES = 1 << 2;

    // --- machine control -------------------------------------------------------------------
    public static final int CTL_POWER_OFF = 1;
    public static final int CTL_REBOOT = 2;
    public static final int CTL_HALT = 3;
    public static final int CTL_PANIC = 4;
    public static final int CTL_PANIC_END = 5;
    /** Longest panic message read from guest memory, bytes. */
    public static final int PANIC_MESSAGE_MAX = 1024;
}
