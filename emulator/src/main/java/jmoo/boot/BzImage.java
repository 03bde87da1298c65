package jmoo.boot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import jmoo.devices.PcLayout;
import jmoo.devices.PhysicalMemory;

/**
 * A bzImage: real-mode setup sectors (ignored, we boot without a BIOS) followed by the
 * protected-mode part, loaded at 1 MiB; the kernel decompresses itself, whatever the compression.
 */
final class BzImage implements KernelImage {
    private static final int MIN_PROTOCOL = 0x0202; // 32-bit entry with cmd_line_ptr

    private final byte[] bytes;
    private final int setupHeaderEnd;
    private final int protectedModeOffset;
    private final int version;
    private final long initSize;
    private final long preferredAddress;

    private BzImage(byte[] bytes, int setupHeaderEnd, int protectedModeOffset, int version, long initSize,
                    long preferredAddress) {
        this.bytes = bytes;
        this.setupHeaderEnd = setupHeaderEnd;
        this.protectedModeOffset = protectedModeOffset;
        this.version = version;
        this.initSize = initSize;
        this.preferredAddress = preferredAddress;
    }

    static boolean looksLikeBzImage(byte[] bytes) {
        if (bytes.length < BootParams.HEADER_MAGIC + 4) {
            return false;
        }
        ByteBuffer b = KernelImage.littleEndian(bytes);
        return (b.getShort(BootParams.BOOT_FLAG) & 0xFFFF) == BootParams.BOOT_FLAG_VALUE
                && b.getInt(BootParams.HEADER_MAGIC) == BootParams.HEADER_MAGIC_VALUE;
    }

    static BzImage parse(Path file, byte[] bytes) throws UnrecognizedKernelException {
        ByteBuffer b = KernelImage.littleEndian(bytes);
        int version = b.getShort(BootParams.VERSION) & 0xFFFF;
        if (version < MIN_PROTOCOL) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: boot protocol version %d.%02d at offset 0x206 is too old: expected 2.02 or later",
                    file, version >> 8, version & 0xFF));
        }
        if ((bytes[BootParams.LOADFLAGS] & BootParams.LOADED_HIGH) == 0) {
            throw new UnrecognizedKernelException(file + ": a zImage (loadflags at offset 0x211 lacks LOADED_HIGH):"
                    + " only bzImage kernels loaded at 1 MiB are supported");
        }
        int setupSects = bytes[BootParams.SETUP_SECTS] & 0xFF;
        if (setupSects == 0) {
            setupSects = 4;
        }
        int protectedModeOffset = (setupSects + 1) * 512;
        if (protectedModeOffset >= bytes.length) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: truncated bzImage: setup_sects=%d puts the protected-mode code at offset 0x%x,"
                            + " but the file is only %d bytes", file, setupSects, protectedModeOffset, bytes.length));
        }
        int headerEnd = Math.min(BootParams.JUMP + 2 + (bytes[BootParams.JUMP + 1] & 0xFF), protectedModeOffset);
        long initSize = version >= 0x020A ? b.getInt(BootParams.INIT_SIZE) & 0xFFFFFFFFL : 0;
        long preferred = version >= 0x020A ? b.getLong(BootParams.PREF_ADDRESS) : 0;
        return new BzImage(bytes, headerEnd, protectedModeOffset, version, initSize, preferred);
    }

    @Override
    public String format() {
        return "bzImage";
    }

    @Override
    public int entry() {
        return PcLayout.KERNEL_LOAD;
    }

    @Override
    public long start() {
        return PcLayout.KERNEL_LOAD;
    }

    private int protectedModeSize() {
        return bytes.length - protectedModeOffset;
    }

    /**
     * The decompressor moves itself to max(load address, pref_address) (pref_address is the
     * kernel's LOAD_PHYSICAL_ADDR) and needs init_size bytes from there.
     */
    @Override
    public long end() {
        long decompressAt = Math.max(PcLayout.KERNEL_LOAD, preferredAddress);
        return Math.max(PcLayout.KERNEL_LOAD + protectedModeSize(), decompressAt + initSize);
    }

    @Override
    public void loadInto(PhysicalMemory memory) {
        System.arraycopy(bytes, protectedModeOffset, memory.array(), PcLayout.KERNEL_LOAD, protectedModeSize());
        memory.written(PcLayout.KERNEL_LOAD, protectedModeSize());
    }

    @Override
    public void writeSetupHeader(ByteBuffer zeroPage) {
        zeroPage.put(BootParams.SETUP_HEADER, bytes, BootParams.SETUP_HEADER, setupHeaderEnd - BootParams.SETUP_HEADER);
        zeroPage.putInt(BootParams.CODE32_START, PcLayout.KERNEL_LOAD);
    }

    @Override
    public long initrdLimit() {
        if (version < 0x0203) {
            return BootParams.DEFAULT_INITRD_ADDR_MAX + 1L;
        }
        return (KernelImage.littleEndian(bytes).getInt(BootParams.INITRD_ADDR_MAX) & 0xFFFFFFFFL) + 1;
    }

    @Override
    public int maxCommandLine() {
        if (version < 0x0206) {
            return BootParams.DEFAULT_CMDLINE_SIZE;
        }
        return KernelImage.littleEndian(bytes).getInt(BootParams.CMDLINE_SIZE);
    }
}
