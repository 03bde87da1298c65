package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jmoo.devices.PhysicalMemory;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port block over the real COW engine: guest writes land in the COW, never the backing. */
class UbdOverCowEngineTest {
    private static final int BLOCK = 0x1000;
    private static final int DATA = 0x10000;

    @TempDir
    Path dir;

    private final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    private final UbdPortBlock ports = new UbdPortBlock(memory, new RecordingMachineControl());
    private final GuestRequests guest = new GuestRequests(memory, ports);

    private Path backing(int size) throws IOException {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i / 512 + 1);     // every sector filled with its number + 1
        }
        Path backing = dir.resolve("root_fs");
        Files.write(backing, data);
        return backing;
    }

    @Test
    void guestWritesGoToTheCowAndReadBackAfterReopening() throws IOException {
        Path backing = backing(64 * 1024);
        byte[] backingBefore = Files.readAllBytes(backing);
        Path cow = dir.resolve("root.cow");
        CowFiles.create(cow, backing, false);

        Arrays.fill(memory.array(), DATA, DATA + 1024, (byte) 0xAB);
        try (CowChain chain = CowChain.open(cow, OpenOptions.writable())) {
            ports.attach(0, chain);
            assertEquals(UbdStatus.OK.code(), guest.info(BLOCK, 0, 0x3000));
            assertEquals(128, guest.read64(0x3000));
            assertEquals(UbdStatus.OK.code(), guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, 10, DATA, 1024));
            assertEquals(UbdStatus.OK.code(), guest.simple(BLOCK, UbdAbi.OP_FLUSH, 0, 0, 0));
            assertEquals(UbdStatus.OK.code(), guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 9, 0x20000, 2048));
            ports.detach(0);
        }
        byte[] read = Arrays.copyOfRange(memory.array(), 0x20000, 0x20000 + 2048);
        assertArrayEquals(filled(512, 10), Arrays.copyOfRange(read, 0, 512), "sector 9 from the backing");
        assertArrayEquals(filled(1024, 0xAB), Arrays.copyOfRange(read, 512, 1536), "sectors 10-11 from the COW");
        assertArrayEquals(filled(512, 13), Arrays.copyOfRange(read, 1536, 2048), "sector 12 from the backing");
        assertArrayEquals(backingBefore, Files.readAllBytes(backing), "the backing is never written");

        Arrays.fill(memory.array(), 0x20000, 0x20000 + 2048, (byte) 0);
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
            ports.attach(1, chain);
            assertEquals(UbdStatus.OK.code(), guest.transfer(BLOCK, UbdAbi.OP_READ, 1, 10, 0x20000, 1024));
            assertEquals(UbdStatus.READ_ONLY.code(), guest.transfer(BLOCK, UbdAbi.OP_WRITE, 1, 0, DATA, 512));
            assertEquals(UbdStatus.OK.code(), guest.info(BLOCK, 1, 0x3000));
            assertEquals(UbdAbi.INFO_READ_ONLY, memory.read32(0x3000 + UbdAbi.INFO_OFFSET_FLAGS));
        }
        assertArrayEquals(filled(1024, 0xAB), Arrays.copyOfRange(memory.array(), 0x20000, 0x20000 + 1024));
    }

    @Test
    void writeZeroesOnACowReadsAsZerosOverNonZeroBacking() throws IOException {
        Path backing = backing(16 * 1024);
        Path cow = dir.resolve("z.cow");
        CowFiles.create(cow, backing, false);
        try (CowChain chain = CowChain.open(cow, OpenOptions.writable())) {
            ports.attach(0, chain);
            assertEquals(UbdStatus.OK.code(), guest.simple(BLOCK, UbdAbi.OP_WRITE_ZEROES, 0, 4, 2));
            Arrays.fill(memory.array(), 0x20000, 0x20000 + 2048, (byte) 0x55);
            assertEquals(UbdStatus.OK.code(), guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 3, 0x20000, 2048));
        }
        byte[] read = Arrays.copyOfRange(memory.array(), 0x20000, 0x20000 + 2048);
        assertArrayEquals(filled(512, 4), Arrays.copyOfRange(read, 0, 512));
        assertArrayEquals(new byte[1024], Arrays.copyOfRange(read, 512, 1536));
        assertArrayEquals(filled(512, 7), Arrays.copyOfRange(read, 1536, 2048));
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
