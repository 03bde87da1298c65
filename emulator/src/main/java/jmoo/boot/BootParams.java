package jmoo.boot;

/**
 * Offsets in the Linux zero page (struct boot_params) and its embedded setup header that the
 * loader writes or reads. The setup header sits at the same offsets in a bzImage file.
 * Reference: Documentation/arch/x86/boot.rst and zero-page.rst of the Linux sources.
 */
final class BootParams {
    private BootParams() {
    }

    static final int SIZE = 4096;

    // boot_params
    static final int E820_ENTRIES = 0x1E8;       // u8
    static final int E820_TABLE = 0x2D0;         // 20-byte entries: u64 addr, u64 size, u32 type
    static final int E820_MAX_ENTRIES = 128;

    // setup header (struct setup_header) at 0x1F1
    static final int SETUP_HEADER = 0x1F1;
    static final int SETUP_SECTS = 0x1F1;         // u8, 0 means 4
    static final int BOOT_FLAG = 0x1FE;           // u16 0xAA55
    static final int JUMP = 0x200;                // 2-byte jump; byte 0x201 gives the header's end
    static final int HEADER_MAGIC = 0x202;        // "HdrS"
    static final int VERSION = 0x206;             // u16
    static final int TYPE_OF_LOADER = 0x210;      // u8
    static final int LOADFLAGS = 0x211;           // u8
    static final int CODE32_START = 0x214;        // u32
    static final int RAMDISK_IMAGE = 0x218;       // u32
    static final int RAMDISK_SIZE = 0x21C;        // u32
    static final int HEAP_END_PTR = 0x224;        // u16
    static final int CMD_LINE_PTR = 0x228;        // u32
    static final int INITRD_ADDR_MAX = 0x22C;     // u32 (protocol 2.03+)
    static final int CMDLINE_SIZE = 0x238;        // u32 (protocol 2.06+)
    static final int PREF_ADDRESS = 0x258;        // u64 (protocol 2.10+)
    static final int INIT_SIZE = 0x260;           // u32 (protocol 2.10+)

    static final int BOOT_FLAG_VALUE = 0xAA55;
    static final int HEADER_MAGIC_VALUE = 0x53726448; // "HdrS" little-endian
    static final int LOADED_HIGH = 0x01;
    static final int CAN_USE_HEAP = 0x80;
    static final int TYPE_OF_LOADER_UNDEFINED = 0xFF;
    /** Protocol version we announce for a vmlinux that carries no setup header of its own. */
    static final int PROTOCOL_FOR_ELF = 0x020F;
    /** initrd_addr_max before protocol 2.03, and our choice for a vmlinux. */
    static final int DEFAULT_INITRD_ADDR_MAX = 0x37FFFFFF;
    /** cmdline_size before protocol 2.06. */
    static final int DEFAULT_CMDLINE_SIZE = 255;

    // BIOS data area words the kernel reads to locate the EBDA and the end of base memory
    static final int BDA_EBDA_SEGMENT = 0x40E;
    static final int BDA_BASE_MEMORY_KIB = 0x413;
}
