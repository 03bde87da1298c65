package jmoo.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxLoaderTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** A synthetic bzImage: one setup sector after the boot sector, then {@code pmSize} bytes of "kernel". */
    private static byte[] bzImage(int pmSize, int initSize) {
        byte[] image = new byte[2 * 512 + pmSize];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1F1, (byte) 1);                 // setup_sects
        b.putShort(0x1FE, (short) 0xAA55);
        b.put(0x200, (byte) 0xEB).put(0x201, (byte) 0x6A); // jmp: header ends at 0x26C
        b.putInt(0x202, 0x53726448);
        b.putShort(0x206, (short) 0x020F);
        b.put(0x211, (byte) 0x01);              // LOADED_HIGH
        b.putInt(0x22C, 0x37FFFFFF);
        b.putInt(0x238, 2047);
        b.putInt(0x260, initSize);
        b.putInt(0x268, 0x12345678);            // inside the header: must be copied
        b.putInt(0x270, 0xDEADBEEF);            // beyond it: must not be
        for (int i = 0; i < pmSize; i++) {
            image[1024 + i] = (byte) (i * 7 + 3);
        }
        return image;
    }

    private Path write(String name, byte[] data) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return p;
    }

    private static String cString(PhysicalMemory m, int address) {
        int end = address;
        while (m.read8(end) != 0) {
            end++;
        }
        return new String(m.array(), address, end - address, StandardCharsets.UTF_8);
    }

    @Test
    void bzImageWithInitrdAndCommandLine() throws Exception {
        byte[] image = bzImage(8192, 64 * 1024);
        byte[] initrd = new byte[10_000];
        Arrays.fill(initrd, (byte) 0x5C);
        PhysicalMemory m = new PhysicalMemory(16 * MIB);
        LoadedKernel k = LinuxLoader.load(m, write("bzImage", image), write("initrd", initrd), "console=ttyS0 quiet");

        assertEquals("bzImage", k.format());
        assertEquals(0x100000, k.entry());
        assertArrayEquals(Arrays.copyOfRange(image, 1024, image.length), Arrays.copyOfRange(m.array(), 0x100000, 0x100000 + 8192));
        int zp = k.zeroPage();
        assertEquals(0x020F, m.read16(zp + 0x206));
        assertEquals(0x12345678, m.read32(zp + 0x268), "setup header copied up to 0x202 + byte[0x201]");
        assertEquals(0, m.read32(zp + 0x270));
        assertEquals(0xFF, m.read8(zp + 0x210), "type_of_loader");
        assertEquals(0x01, m.read8(zp + 0x211) & 0x01);
        assertEquals("console=ttyS0 quiet", cString(m, m.read32(zp + 0x228)));

        long initrdAt = m.read32(zp + 0x218) & 0xFFFFFFFFL;
        assertEquals(10_000, m.read32(zp + 0x21C));
        assertEquals(0, initrdAt % 4096);
        assertTrue(initrdAt + 10_000 <= 16 * MIB && initrdAt + 10_000 > 16 * MIB - 4096, "placed as high as possible");
        assertEquals(0x5C, m.read8((int) initrdAt + 9_999));

        assertEquals(4, m.read8(zp + 0x1E8));
        long[][] expected = {{0, 0x9FC00, 1}, {0x9FC00, 0x400, 2}, {0xF0000, 0x10000, 2}, {0x100000, 15 * MIB, 1}};
        for (int i = 0; i < expected.length; i++) {
            int e = zp + 0x2D0 + 20 * i;
            assertEquals(expected[i][0], m.read32(e) & 0xFFFFFFFFL);
            assertEquals(0, m.read32(e + 4));
            assertEquals(expected[i][1], m.read32(e + 8) & 0xFFFFFFFFL);
            assertEquals(expected[i][2], m.read32(e + 16));
        }
    }

    /** An ELF32 i386 file with a text segment and a data segment whose bss must be zeroed. */
    private static byte[] vmlinux() {
        byte[] elf = new byte[0x3000];
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0x7F).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) 1).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(0x10, (short) 2);
        b.putShort(0x12, (short) 3);
        b.putInt(0x18, 0xC1000010);          // a virtual entry, translated through the segment
        b.putInt(0x1C, 0x34);
        b.putShort(0x2A, (short) 32);
        b.putShort(0x2C, (short) 3);
        putPhdr(b, 0x34, 1, 0x1000, 0xC1000000, 0x1000000, 0x1000, 0x1000);
        putPhdr(b, 0x54, 4, 0, 0, 0, 0, 0);    // PT_NOTE: ignored
        putPhdr(b, 0x74, 1, 0x2000, 0xC1200000, 0x1200000, 0x800, 0x4000);
        Arrays.fill(elf, 0x1000, 0x2000, (byte) 0x90);
        Arrays.fill(elf, 0x2000, 0x2800, (byte) 0x11);
        Arrays.fill(elf, 0x2800, 0x3000, (byte) 0x22); // file bytes past p_filesz: not loaded
        return elf;
    }

    private static void putPhdr(ByteBuffer b, int at, int type, int offset, int vaddr, int paddr, int filesz, int memsz) {
        b.putInt(at, type).putInt(at + 4, offset).putInt(at + 8, vaddr).putInt(at + 12, paddr)
                .putInt(at + 16, filesz).putInt(at + 20, memsz);
    }

    @Test
    void vmlinuxElfLoadsAtPhysicalAddressesWithZeroedBss() throws Exception {
        PhysicalMemory m = new PhysicalMemory(32 * MIB);
        Arrays.fill(m.array(), 0x1200000, 0x1204000, (byte) 0xEE);
        LoadedKernel k = LinuxLoader.load(m, write("vmlinux", vmlinux()), null, "root=/dev/ubda");
        assertEquals("ELF", k.format());
        assertEquals(0x1000010, k.entry());
        assertEquals(0x1204000, k.kernelEnd());
        assertEquals(0x90, m.read8(0x1000FFF));
        assertEquals(0x11, m.read8(0x12007FF));
        assertEquals(0x00, m.read8(0x1200800), "bss zeroed");
        assertEquals(0x00, m.read8(0x1203FFF));
        int zp = k.zeroPage();
        assertEquals(0xAA55, m.read16(zp + 0x1FE));
        assertEquals(0x53726448, m.read32(zp + 0x202));
        assertEquals(0xFF, m.read8(zp + 0x210));
        assertEquals(0, m.read32(zp + 0x218), "no initrd");
        assertEquals("root=/dev/ubda", cString(m, m.read32(zp + 0x228)));
    }

    @Test
    void aFileThatIsNeitherIsRefusedWithWhatWasExpected() throws Exception {
        PhysicalMemory m = new PhysicalMemory(16 * MIB);
        Path junk = write("junk", "hello, not a kernel".getBytes(StandardCharsets.UTF_8));
        UnrecognizedKernelException e = assertThrows(UnrecognizedKernelException.class, () -> LinuxLoader.load(m, junk, null, ""));
        assertTrue(e.getMessage().contains("junk") && e.getMessage().contains("bzImage") && e.getMessage().contains("ELF"));
    }

    @Test
    void a64BitElfIsRefused() throws Exception {
        byte[] elf = vmlinux();
        elf[4] = 2;
        PhysicalMemory m = new PhysicalMemory(32 * MIB);
        assertThrows(UnrecognizedKernelException.class, () -> LinuxLoader.load(m, write("vmlinux64", elf), null, ""));
    }

    @Test
    void kernelLargerThanRamIsRefused() throws Exception {
        PhysicalMemory m = new PhysicalMemory(4 * MIB);
        Path k = write("bzImage", bzImage(4096, 8 * MIB)); // decompression needs 8 MiB above 1 MiB
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> LinuxLoader.load(m, k, null, ""));
        assertTrue(e.getMessage().contains("mem="));
    }

    @Test
    void decompressionAtThePreferredAddressCountsTowardsTheKernelsEnd() throws Exception {
        byte[] image = bzImage(4096, 8 * MIB);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(0x258, 16 * MIB); // LOAD_PHYSICAL_ADDR
        Path k = write("bzImage", image);
        assertThrows(ImageTooLargeException.class, () -> LinuxLoader.load(new PhysicalMemory(20 * MIB), k, null, ""));
        LoadedKernel loaded = LinuxLoader.load(new PhysicalMemory(32 * MIB), k, null, "");
        assertEquals(24L * MIB, loaded.kernelEnd());
    }

    @Test
    void initrdThatDoesNotFitAboveTheKernelIsRefused() throws Exception {
        PhysicalMemory m = new PhysicalMemory(4 * MIB);
        Path k = write("bzImage", bzImage(4096, 2 * MIB));
        Path initrd = write("initrd", new byte[(int) (1.5 * MIB)]);
        assertThrows(ImageTooLargeException.class, () -> LinuxLoader.load(m, k, initrd, ""));
    }

    @Test
    void missingFilesAreReportedAsSuch() {
        PhysicalMemory m = new PhysicalMemory(4 * MIB);
        assertThrows(NoSuchFileException.class, () -> LinuxLoader.load(m, dir.resolve("nope"), null, ""));
    }

    @Test
    void overlongCommandLineIsRefused() throws Exception {
        PhysicalMemory m = new PhysicalMemory(16 * MIB);
        Path k = write("bzImage", bzImage(4096, 0));
        assertThrows(BootLoadException.class, () -> LinuxLoader.load(m, k, null, "x".repeat(3000)));
    }
}
