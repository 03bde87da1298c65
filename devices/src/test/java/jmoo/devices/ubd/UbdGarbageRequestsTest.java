package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * A guest hammering the port block with garbage: random request blocks, random mutations of
 * valid ones, random port accesses. The host never throws, never hands the disk a request
 * outside it, never writes a read-only disk, and guest RAM changes only where a request that
 * was accepted said so.
 */
class UbdGarbageRequestsTest {
    private static final int RAM = 128 * 1024;
    private static final int DISK_SIZE = 40 * 512 + 300;
    private static final long SEED = 0x6A6D6F6FL;

    private final PhysicalMemory memory = new PhysicalMemory(RAM);
    private final RecordingMachineControl control = new RecordingMachineControl();
    private final UbdPortBlock ports = new UbdPortBlock(memory, control);
    private final GuestRequests guest = new GuestRequests(memory, ports);
    private final MemoryDisk disk = MemoryDisk.patterned(DISK_SIZE, false);
    private final MemoryDisk readOnlyDisk = MemoryDisk.patterned(4096, true);

    UbdGarbageRequestsTest() {
        ports.attach(0, disk);
        ports.attach(1, readOnlyDisk);
    }

    @Test
    void randomBlocksNeverEscapeTheDisks() {
        Random random = new Random(SEED);
        byte[] readOnlyBefore = readOnlyDisk.data.clone();
        for (int i = 0; i < 20_000; i++) {
            int block = random.nextInt(RAM + 64) - 32;   // sometimes outside RAM
            randomBytes(random, block, UbdAbi.HEADER_SIZE + random.nextInt(4) * UbdAbi.SEGMENT_SIZE);
            if (random.nextBoolean()) {
                memory.write8(block, random.nextInt(7));     // a known op more often than not
                memory.write8(block + 1, random.nextInt(3));
                memory.write16(block + 2, random.nextInt(4));
            }
            ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 4, block);
        }
        assertHealthy(readOnlyBefore);
        assertTrue(ports.counters().failedRequests() > 19_000, "garbage is refused");
    }

    @Test
    void mutatedValidRequestsAreCheckedFieldByField() {
        Random random = new Random(SEED + 1);
        byte[] readOnlyBefore = readOnlyDisk.data.clone();
        int block = 0x2000;
        for (int i = 0; i < 5_000; i++) {
            int op = random.nextInt(6);
            int sectors = 1 + random.nextInt(3);
            guest.header(block, op, random.nextInt(2), random.nextInt(40), sectors, op <= 1 || op == 5 ? 1 : 0);
            guest.segment(block, 0, 0x10000 + random.nextInt(64) * 512, op == 5 ? 32 : sectors * 512L);
            mutateOneField(random, block);
            byte[] ramBefore = memory.array().clone();
            int status = guest.submit(block);
            assertRamChangedOnlyWhereAllowed(ramBefore, block, status);
        }
        assertHealthy(readOnlyBefore);
        assertTrue(ports.counters().requests(UbdStatus.OK) > 500, "valid requests still get through");
    }

    @Test
    void randomPortTrafficIsCountedNotThrown() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 20_000; i++) {
            int port = UbdAbi.BASE_PORT + random.nextInt(UbdAbi.PORT_COUNT);
            int size = 1 << random.nextInt(3);
            if (random.nextBoolean()) {
                ports.in(port, size);
            } else if (port != UbdAbi.BASE_PORT + UbdAbi.REG_CONTROL) {
                ports.out(port, size, random.nextInt());
            } else {
                ports.out(port, size, 6 + random.nextInt(1000));   // never a real command
            }
        }
        assertTrue(ports.counters().badPortAccesses() > 10_000);
        assertTrue(control.calls.isEmpty());
        assertHealthy(readOnlyDisk.data.clone());
    }

    /**
     * Segment addresses just below 2^63: address + length overflows a long, so a naive
     * "address + length <= RAM size" check passes. They must be refused as BAD_REQUEST, like any
     * other address outside RAM, before the host touches its RAM buffer (not fail there as a host error).
     */
    @Test
    void segmentAddressesWhoseEndOverflowsAreBadRequestsNotHostErrors() {
        byte[] ramBefore = memory.array().clone();
        int block = 0x3000;
        long[] addresses = {Long.MAX_VALUE - 511, 0x7FFFFFFF_FFFFF000L, Long.MAX_VALUE};
        for (long address : addresses) {
            for (int op : new int[] {UbdAbi.OP_READ, UbdAbi.OP_WRITE}) {
                guest.header(block, op, 0, 0, 8, 1);
                guest.segment(block, 0, address, 8 * 512);
                assertEquals(UbdStatus.BAD_REQUEST.code(), guest.submit(block), String.format("op %d into 0x%x", op, address));
            }
            guest.header(block, UbdAbi.OP_INFO, 0, 0, 0, 1);
            guest.segment(block, 0, address, UbdAbi.INFO_SIZE);
            assertEquals(UbdStatus.BAD_REQUEST.code(), guest.submit(block), String.format("INFO into 0x%x", address));
        }
        assertEquals(0, ports.counters().hostErrors(), ports.counters().lastProblem());
        assertEquals(9, ports.counters().requests(UbdStatus.BAD_REQUEST));
        assertFalse(disk.outOfRangeAttempted);
        for (int i = 0; i < RAM; i++) {
            boolean statusWord = i >= block + 4 && i < block + 8;
            boolean requestBlock = i >= block && i < block + UbdAbi.HEADER_SIZE + UbdAbi.SEGMENT_SIZE;
            assertTrue(requestBlock || ramBefore[i] == memory.array()[i], "RAM byte " + i + " changed");
            assertTrue(!statusWord || memory.read32(block + 4) == UbdStatus.BAD_REQUEST.code());
        }
    }

    private void mutateOneField(Random random, int block) {
        int[] offsets = {0, 1, 2, 8, 12, 16, 20, 24, 28, 32, 36};
        int at = block + offsets[random.nextInt(offsets.length)];
        switch (random.nextInt(4)) {
            case 0 -> memory.write8(at, random.nextInt(256));
            case 1 -> memory.write32(at, random.nextInt());
            case 2 -> memory.write32(at, memory.read32(at) + random.nextInt(3) - 1);
            default -> { }   // leave it valid
        }
    }

    /** An accepted READ or INFO may write its segment; every request writes its status word. */
    private void assertRamChangedOnlyWhereAllowed(byte[] before, int block, int status) {
        byte[] after = memory.array();
        int op = before[block] & 0xFF;
        long segStart = guest.read64(block + UbdAbi.HEADER_SIZE);
        long segLen = Integer.toUnsignedLong(memory.read32(block + UbdAbi.HEADER_SIZE + UbdAbi.SEGMENT_OFFSET_LEN));
        boolean mayFill = status == UbdStatus.OK.code() && (op == UbdAbi.OP_READ || op == UbdAbi.OP_INFO);
        for (int i = Arrays.mismatch(before, after); i >= 0 && i < RAM; i = nextDifference(before, after, i + 1)) {
            boolean statusWord = i >= block + 4 && i < block + 8;
            boolean inSegment = mayFill && i >= segStart && i < segStart + segLen;
            assertTrue(statusWord || inSegment, "RAM byte " + i + " changed by a request with status " + status);
        }
    }

    private static int nextDifference(byte[] a, byte[] b, int from) {
        int d = Arrays.mismatch(a, from, a.length, b, from, b.length);
        return d < 0 ? -1 : from + d;
    }

    private void assertHealthy(byte[] readOnlyBefore) {
        assertFalse(disk.outOfRangeAttempted, "a request outside the disk reached it");
        assertFalse(readOnlyDisk.outOfRangeAttempted);
        assertArrayEquals(readOnlyBefore, readOnlyDisk.data);
        assertEquals(DISK_SIZE, disk.data.length);
        assertEquals(0, ports.counters().hostErrors(), ports.counters().lastProblem());
    }

    private void randomBytes(Random random, int address, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            memory.write8(address + i, bytes[i]);
        }
    }
}
