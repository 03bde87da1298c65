package jmoo.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import jmoo.devices.PcLayout;
import jmoo.devices.PhysicalMemory;

/**
 * Loads Linux with the 32-bit boot protocol, without a BIOS: the kernel (bzImage at 1 MiB or a
 * vmlinux ELF at its physical addresses), an optional initrd as high as the kernel allows, the
 * command line, and a zero page with the e820 map, the setup header, type_of_loader 0xFF (0
 * would make the kernel ignore the initrd) and the initrd and command-line pointers.
 */
public final class LinuxLoader {
    private static final int PAGE = 4096;

    private LinuxLoader() {
    }

    /**
     * Reads and places everything in {@code memory}.
     *
     * @param initrd may be null
     * @throws NoSuchFileException when a file does not exist
     */
    public static LoadedKernel load(PhysicalMemory memory, Path kernelFile, Path initrd, String commandLine)
            throws BootLoadException, IOException {
        KernelImage kernel = KernelImage.parse(kernelFile, Files.readAllBytes(kernelFile));
        checkKernelFits(kernelFile, kernel, memory.size());
        byte[] cmdline = commandLine.getBytes(StandardCharsets.UTF_8);
        int maxCmdline = Math.min(kernel.maxCommandLine(), PcLayout.CMDLINE_MAX);
        if (cmdline.length > maxCmdline) {
            throw new BootLoadException(String.format("kernel command line is %d bytes; %s accepts at most %d",
                    cmdline.length, kernelFile, maxCmdline));
        }
        kernel.loadInto(memory);

        ByteBuffer zeroPage = ByteBuffer.allocate(BootParams.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        kernel.writeSetupHeader(zeroPage);
        zeroPage.put(BootParams.TYPE_OF_LOADER, (byte) BootParams.TYPE_OF_LOADER_UNDEFINED);
        zeroPage.put(BootParams.LOADFLAGS, (byte) (zeroPage.get(BootParams.LOADFLAGS) | BootParams.CAN_USE_HEAP));
        zeroPage.putShort(BootParams.HEAP_END_PTR, (short) 0xFE00);
        zeroPage.putInt(BootParams.CMD_LINE_PTR, PcLayout.CMDLINE);
        writeE820(zeroPage, E820Map.forRam(memory.size()));

        long initrdAddress = 0;
        long initrdSize = 0;
        if (initrd != null) {
            byte[] data = Files.readAllBytes(initrd);
            initrdAddress = placeInitrd(initrd, data.length, kernel, memory.size());
            initrdSize = data.length;
            System.arraycopy(data, 0, memory.array(), (int) initrdAddress, data.length);
            memory.written((int) initrdAddress, data.length);
            zeroPage.putInt(BootParams.RAMDISK_IMAGE, (int) initrdAddress);
            zeroPage.putInt(BootParams.RAMDISK_SIZE, data.length);
        }

        System.arraycopy(cmdline, 0, memory.array(), PcLayout.CMDLINE, cmdline.length);
        memory.array()[PcLayout.CMDLINE + cmdline.length] = 0;
        memory.written(PcLayout.CMDLINE, cmdline.length + 1);
        System.arraycopy(zeroPage.array(), 0, memory.array(), PcLayout.ZERO_PAGE, BootParams.SIZE);
        memory.written(PcLayout.ZERO_PAGE, BootParams.SIZE);
        writeBiosDataArea(memory);
        return new LoadedKernel(kernel.format(), kernel.entry(), PcLayout.ZERO_PAGE, kernel.end(), initrdAddress, initrdSize);
    }

    private static void checkKernelFits(Path file, KernelImage kernel, long ramSize) throws BootLoadException {
        if (kernel.end() > ramSize) {
            throw new ImageTooLargeException(String.format(
                    "%s: the %s kernel needs RAM up to 0x%x (%d MiB) but the guest has %d MiB: raise mem=",
                    file, kernel.format(), kernel.end(), (kernel.end() + (1 << 20) - 1) >> 20, ramSize >> 20));
        }
        if (kernel.start() < PcLayout.HIGH_RAM_START) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: a segment loads at 0x%x, below 1 MiB where the zero page and BIOS areas live;"
                            + " expected a kernel linked at 1 MiB or above", file, kernel.start()));
        }
    }

    /** The initrd's address: page-aligned, as high as both RAM and initrd_addr_max allow, above the kernel. */
    private static long placeInitrd(Path file, long size, KernelImage kernel, long ramSize) throws ImageTooLargeException {
        long limit = Math.min(ramSize, kernel.initrdLimit());
        long address = (limit - size) & -PAGE;
        long kernelEnd = (kernel.end() + PAGE - 1) & -PAGE;
        if (address < kernelEnd) {
            throw new ImageTooLargeException(String.format(
                    "%s: the initrd (%d bytes) does not fit between the kernel's end 0x%x and 0x%x"
                            + " (the top of RAM or the kernel's initrd_addr_max): raise mem=",
                    file, size, kernelEnd, limit));
        }
        return address;
    }

    private static void writeE820(ByteBuffer zeroPage, List<E820Map.Entry> map) {
        zeroPage.put(BootParams.E820_ENTRIES, (byte) map.size());
        int p = BootParams.E820_TABLE;
        for (E820Map.Entry e : map) {
            zeroPage.putLong(p, e.address());
            zeroPage.putLong(p + 8, e.size());
            zeroPage.putInt(p + 16, e.type());
            p += 20;
        }
    }

    /** The two BIOS data area words Linux reads: the EBDA segment and the base memory size. */
    private static void writeBiosDataArea(PhysicalMemory memory) {
        memory.write16(BootParams.BDA_EBDA_SEGMENT, PcLayout.LOW_RAM_END >> 4);
        memory.write16(BootParams.BDA_BASE_MEMORY_KIB, PcLayout.LOW_RAM_END >> 10);
        memory.written(BootParams.BDA_EBDA_SEGMENT, 8);
    }
}
