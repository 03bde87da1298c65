package jmoo.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import jmoo.devices.PhysicalMemory;

/** A kernel the loader knows how to place in memory: a bzImage or a vmlinux ELF. */
public interface KernelImage {
    /** "bzImage" or "ELF", for messages. */
    String format();

    /** Physical entry point (the 32-bit boot protocol entry). */
    int entry();

    /** Lowest physical address the kernel occupies. */
    long start();

    /** First physical address above everything the kernel occupies while it boots (incl. decompression). */
    long end();

    /** Copies the kernel into guest RAM; {@link #end()} must already have been checked against RAM. */
    void loadInto(PhysicalMemory memory);

    /** Fills the setup-header part of the zero page (the boot protocol fields the kernel reads). */
    void writeSetupHeader(ByteBuffer zeroPage);

    /** Highest address the initrd may end at (initrd_addr_max + 1). */
    long initrdLimit();

    /** Longest command line, in bytes without the terminating NUL. */
    int maxCommandLine();

    /** Recognises the file's format from its contents. */
    static KernelImage parse(Path file, byte[] bytes) throws UnrecognizedKernelException {
        if (ElfKernel.looksLikeElf(bytes)) {
            return ElfKernel.parse(file, bytes);
        }
        if (BzImage.looksLikeBzImage(bytes)) {
            return BzImage.parse(file, bytes);
        }
        throw new UnrecognizedKernelException(file + ": not a kernel: expected a bzImage (0xAA55 at offset 0x1fe and"
                + " \"HdrS\" at 0x202) or an ELF file (\\x7fELF at offset 0)");
    }

    static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
