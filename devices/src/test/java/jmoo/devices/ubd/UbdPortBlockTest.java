package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UbdPortBlockTest {
    private static final int RAM = 1 << 20;
    private static final int BLOCK = 0x1000;
    private static final int DISK_SIZE = 64 * 1024 + 100;   // 128 whole sectors and a partial one

    private PhysicalMemory memory;
    private RecordingMachineControl control;
    private UbdPortBlock ports;
    private GuestRequests guest;
    private MemoryDisk disk;
    private MemoryDisk readOnlyDisk;
    private final List<int[]> writtenRanges = new ArrayList<>();

    @BeforeEach
    void setUp() {
        memory = new PhysicalMemory(RAM);
        memory.setWriteListener((address, length) -> writtenRanges.add(new int[] {address, length}));
        control = new RecordingMachineControl();
        ports = new UbdPortBlock(memory, control);
        guest = new GuestRequests(memory, ports);
        disk = MemoryDisk.patterned(DISK_SIZE, false);
        readOnlyDisk = MemoryDisk.patterned(8192, true);
        ports.attach(0, disk);
        ports.attach(2, readOnlyDisk);
    }

    private int ok() {
        return UbdStatus.OK.code();
    }

    private byte[] ram(int address, int length) {
        return Arrays.copyOfRange(memory.array(), address, address + length);
    }

    private byte[] diskBytes(MemoryDisk d, long sector, int sectors) {
        return Arrays.copyOfRange(d.data, (int) sector * 512, (int) sector * 512 + sectors * 512);
    }

    @Test
    void registersAnswerTheHandshake() {
        assertEquals(0x4F4F4D4A, guest.register(UbdAbi.REG_SIGNATURE));
        assertEquals(0x00010001, guest.register(UbdAbi.REG_VERSION));
        assertEquals(3, guest.register(UbdAbi.REG_DISK_SLOTS), "slots 0 and 2 attached: probe 0..2");
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_VERSION, 4, 0x00010000);
        assertEquals(0x00010000, ports.guestVersion());
        assertEquals(0, ports.counters().badPortAccesses());
    }

    @Test
    void accessesOutsideTheAbiReadAllOnesAndAreCounted() {
        assertEquals(0xFF, ports.in(UbdAbi.BASE_PORT, 1));
        assertEquals(0xFFFF, ports.in(UbdAbi.BASE_PORT + 2, 2));
        assertEquals(0xFFFFFFFF, ports.in(UbdAbi.BASE_PORT + 1, 4));
        assertEquals(0xFFFFFFFF, ports.in(UbdAbi.BASE_PORT + 0x1C, 4));
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 2, BLOCK);
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SIGNATURE, 4, 1);
        assertEquals(6, ports.counters().badPortAccesses());
        assertEquals(0, ports.counters().requests(UbdStatus.OK) + ports.counters().failedRequests());
    }

    @Test
    void infoGivesWholeSectorsFlagsAndLimit() {
        int info = 0x3000;
        assertEquals(ok(), guest.info(BLOCK, 0, info));
        assertEquals(128, guest.read64(info), "the partial last sector is not visible");
        assertEquals(UbdAbi.INFO_DISCARD | UbdAbi.INFO_WRITE_ZEROES, memory.read32(info + 8));
        assertEquals(UbdAbi.MAX_SECTORS, memory.read32(info + 12));

        assertEquals(ok(), guest.info(BLOCK, 2, info));
        assertEquals(16, guest.read64(info));
        assertEquals(UbdAbi.INFO_READ_ONLY, memory.read32(info + 8));

        assertEquals(UbdStatus.NO_DISK.code(), guest.info(BLOCK, 1, info));
        assertEquals(UbdStatus.NO_DISK.code(), guest.info(BLOCK, 200, info));
        assertEquals(UbdStatus.NO_DISK.code(), guest.register(UbdAbi.REG_SUBMIT));
    }

    @Test
    void readScattersSectorsIntoRamInSegmentOrder() {
        writtenRanges.clear();
        int status = guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 5, 0x8000, 1024, 0x20000, 512, 0x9000, 1536);
        assertEquals(ok(), status);
        assertArrayEquals(diskBytes(disk, 5, 2), ram(0x8000, 1024));
        assertArrayEquals(diskBytes(disk, 7, 1), ram(0x20000, 512));
        assertArrayEquals(diskBytes(disk, 8, 3), ram(0x9000, 1536));
        assertEquals(0, memory.read8(0x8000 + 1024), "nothing past the segment");
        assertTrue(containsRange(0x8000, 1024) && containsRange(0x20000, 512) && containsRange(0x9000, 1536),
                "the CPU's code caches are told about every filled segment");
        assertEquals(ok(), guest.register(UbdAbi.REG_SUBMIT));
        assertEquals(1, ports.disk(0).reads());
        assertEquals(6, ports.disk(0).sectorsRead());
    }

    private boolean containsRange(int address, int length) {
        return writtenRanges.stream().anyMatch(r -> r[0] == address && r[1] == length);
    }

    @Test
    void writeGathersRamIntoConsecutiveSectors() {
        for (int i = 0; i < 2048; i++) {
            memory.write8(0x40000 + i, i * 13 + 1);
        }
        byte[] before = disk.data.clone();
        int status = guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, 126, 0x40400, 512, 0x40000, 512);
        assertEquals(ok(), status);
        assertArrayEquals(ram(0x40400, 512), diskBytes(disk, 126, 1));
        assertArrayEquals(ram(0x40000, 512), diskBytes(disk, 127, 1));
        assertArrayEquals(Arrays.copyOf(before, 126 * 512), Arrays.copyOf(disk.data, 126 * 512));
        assertArrayEquals(Arrays.copyOfRange(before, 128 * 512, DISK_SIZE),
                Arrays.copyOfRange(disk.data, 128 * 512, DISK_SIZE), "the partial last sector is untouched");
        assertEquals(2, ports.disk(0).sectorsWritten());
    }

    @Test
    void flushReachesTheDiskAndIsANoOpOnReadOnlyDisks() {
        assertEquals(ok(), guest.simple(BLOCK, UbdAbi.OP_FLUSH, 0, 0, 0));
        assertEquals(1, disk.flushes);
        assertEquals(ok(), guest.simple(BLOCK, UbdAbi.OP_FLUSH, 2, 0, 0));
        assertEquals(0, readOnlyDisk.flushes);
        assertEquals(1, ports.disk(2).flushes());
    }

    @Test
    void syncDiskFlushesAfterEveryWriteOnly() {
        MemoryDisk synced = MemoryDisk.patterned(8192, false);
        ports.attach(3, new UbdDisk(synced, true));
        assertEquals(ok(), guest.transfer(BLOCK, UbdAbi.OP_WRITE, 3, 0, 0x8000, 512));
        assertEquals(ok(), guest.transfer(BLOCK, UbdAbi.OP_WRITE, 3, 4, 0x8000, 1024));
        assertEquals(ok(), guest.transfer(BLOCK, UbdAbi.OP_READ, 3, 0, 0x8000, 512));
        assertEquals(2, synced.flushes);
        assertEquals(ok(), guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, 0, 0x8000, 512));
        assertEquals(0, disk.flushes, "a disk without the flag is flushed only on request");
    }

    @Test
    void discardAndWriteZeroesLeaveZeros() {
        byte[] before = disk.data.clone();
        assertEquals(ok(), guest.simple(BLOCK, UbdAbi.OP_WRITE_ZEROES, 0, 10, 3));
        assertArrayEquals(new byte[3 * 512], diskBytes(disk, 10, 3));
        assertEquals(ok(), guest.simple(BLOCK, UbdAbi.OP_DISCARD, 0, 127, 1));
        assertArrayEquals(new byte[512], diskBytes(disk, 127, 1));
        assertEquals(2, disk.discards);
        assertArrayEquals(Arrays.copyOf(before, 10 * 512), Arrays.copyOf(disk.data, 10 * 512));
        assertArrayEquals(Arrays.copyOfRange(before, 13 * 512, 127 * 512),
                Arrays.copyOfRange(disk.data, 13 * 512, 127 * 512), "neighbours keep their data");
    }

    /** Each kind of bad request: its status, the disk untouched, a host count, no exception. */
    @Test
    void badRequestsAreRefusedWithTheirStatus() {
        int seg = 0x8000;
        assertBad(UbdStatus.UNSUPPORTED, () -> guest.simple(BLOCK, 9, 0, 0, 1));
        assertBad(UbdStatus.NO_DISK, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 1, 0, seg, 512));
        assertBad(UbdStatus.READ_ONLY, () -> guest.transfer(BLOCK, UbdAbi.OP_WRITE, 2, 0, seg, 512));
        assertBad(UbdStatus.READ_ONLY, () -> guest.simple(BLOCK, UbdAbi.OP_DISCARD, 2, 0, 1));
        assertBad(UbdStatus.OUT_OF_RANGE, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 127, seg, 1024));
        assertBad(UbdStatus.OUT_OF_RANGE, () -> guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, -1L, seg, 512));
        assertBad(UbdStatus.OUT_OF_RANGE, () -> guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, 1L << 55, seg, 512));
        assertBad(UbdStatus.OUT_OF_RANGE, () -> guest.simple(BLOCK, UbdAbi.OP_WRITE_ZEROES, 0, 100, 29));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.transfer(BLOCK, UbdAbi.OP_WRITE, 0, 0, RAM - 512, 1024));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, 1L << 32, 512));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, seg, 100));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, seg, 0));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0));
        assertBad(UbdStatus.BAD_REQUEST, () -> guest.simple(BLOCK, UbdAbi.OP_DISCARD, 0, 0, 0));
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            guest.header(BLOCK, UbdAbi.OP_READ, 0, 0, 3, 1);   // says 3 sectors, segment holds 2
            guest.segment(BLOCK, 0, seg, 1024);
            return guest.submit(BLOCK);
        });
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            guest.header(BLOCK, UbdAbi.OP_READ, 0, 0, 1, 1);
            guest.segment(BLOCK, 0, seg, 512);
            memory.write32(BLOCK + UbdAbi.OFFSET_RESERVED, 7);
            return guest.submit(BLOCK);
        });
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            guest.header(BLOCK, UbdAbi.OP_READ, 0, 0, 1, 1);
            guest.segment(BLOCK, 0, seg, 512);
            memory.write32(BLOCK + UbdAbi.HEADER_SIZE + UbdAbi.SEGMENT_OFFSET_RESERVED, 1);
            return guest.submit(BLOCK);
        });
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            guest.header(BLOCK, UbdAbi.OP_READ, 0, 0, 129, UbdAbi.MAX_SEGMENTS + 1);
            for (int i = 0; i <= UbdAbi.MAX_SEGMENTS; i++) {
                guest.segment(BLOCK, i, seg + i * 512L, 512);
            }
            return guest.submit(BLOCK);
        });
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            int tooMany = UbdAbi.MAX_SECTORS + 8;
            guest.header(BLOCK, UbdAbi.OP_READ, 0, 0, tooMany, 1);
            guest.segment(BLOCK, 0, seg, tooMany * 512L);
            return guest.submit(BLOCK);
        });
        assertBad(UbdStatus.BAD_REQUEST, this::badFlushWithSegment);
        assertBad(UbdStatus.BAD_REQUEST, () -> {
            guest.header(BLOCK, UbdAbi.OP_INFO, 0, 0, 0, 1);
            guest.segment(BLOCK, 0, 0x3000, 16);
            return guest.submit(BLOCK);
        });
        assertFalse(disk.outOfRangeAttempted || readOnlyDisk.outOfRangeAttempted);
        assertEquals(0, ports.counters().hostErrors());
    }

    private int badFlushWithSegment() {
        guest.header(BLOCK, UbdAbi.OP_FLUSH, 0, 0, 0, 1);
        guest.segment(BLOCK, 0, 0x8000, 512);
        return guest.submit(BLOCK);
    }

    private interface Submission {
        int run();
    }

    private void assertBad(UbdStatus expected, Submission submission) {
        byte[] diskBefore = disk.data.clone();
        byte[] roBefore = readOnlyDisk.data.clone();
        long failedBefore = ports.counters().failedRequests();
        int status = submission.run();
        assertEquals(expected.code(), status, ports.counters().lastProblem());
        assertEquals(expected.code(), guest.register(UbdAbi.REG_SUBMIT));
        assertEquals(failedBefore + 1, ports.counters().failedRequests());
        assertArrayEquals(diskBefore, disk.data);
        assertArrayEquals(roBefore, readOnlyDisk.data);
        assertFalse(ports.counters().lastProblem().isEmpty());
    }

    @Test
    void blockOutsideRamIsReportedOnlyInTheRegister() {
        byte[] before = memory.array().clone();
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 4, RAM - 8);
        assertEquals(UbdStatus.BAD_REQUEST.code(), guest.register(UbdAbi.REG_SUBMIT));
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 4, 0xFFFFFFF0);
        assertEquals(UbdStatus.BAD_REQUEST.code(), guest.register(UbdAbi.REG_SUBMIT));
        assertArrayEquals(before, memory.array());
        assertEquals(2, ports.counters().requests(UbdStatus.BAD_REQUEST));
    }

    @Test
    void segmentTableRunningOffTheEndOfRamIsABadRequest() {
        int block = RAM - UbdAbi.HEADER_SIZE - UbdAbi.SEGMENT_SIZE;   // room for one segment only
        guest.header(block, UbdAbi.OP_READ, 0, 0, 2, 2);
        guest.segment(block, 0, 0x8000, 512);
        assertEquals(UbdStatus.BAD_REQUEST.code(), guest.submit(block));
    }

    @Test
    void hostIoFailureIsAnIoErrorStatus() {
        disk.failNext = new IOException("disk.cow: Input/output error");
        assertEquals(UbdStatus.IO_ERROR.code(), guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, 0x8000, 512));
        disk.failNext = new IOException("fsync failed");
        assertEquals(UbdStatus.IO_ERROR.code(), guest.simple(BLOCK, UbdAbi.OP_FLUSH, 0, 0, 0));
        assertEquals(2, ports.counters().hostErrors());
        assertTrue(ports.counters().lastProblem().contains("fsync failed"));
        assertEquals(2, ports.disk(0).errors());
        assertEquals(ok(), guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, 0x8000, 512), "the disk still works");
    }

    @Test
    void controlCommandsReachTheMachine() {
        guest.control(UbdAbi.CTL_POWER_OFF, 0);
        guest.control(UbdAbi.CTL_REBOOT, 0);
        guest.control(UbdAbi.CTL_HALT, 0);
        byte[] text = "Attempted to kill init! exitcode=0x00000009\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, memory.array(), 0x5000, text.length);
        guest.control(UbdAbi.CTL_PANIC, 0x5000);
        guest.control(UbdAbi.CTL_PANIC_END, 0);
        guest.control(77, 0);
        assertEquals(List.of("poweroff", "reboot", "halt", "panic:Attempted to kill init! exitcode=0x00000009",
                "panic-end"), control.calls);
        assertEquals("Attempted to kill init! exitcode=0x00000009", ports.panicMessage());
        assertEquals(1, ports.counters().unknownControls());
    }

    @Test
    void panicMessageIsBoundedByRamAndLength() {
        Arrays.fill(memory.array(), RAM - 10, RAM, (byte) 'x');
        guest.control(UbdAbi.CTL_PANIC, RAM - 10);
        assertEquals("panic:xxxxxxxxxx", control.calls.get(0));
        Arrays.fill(memory.array(), 0x6000, 0x6000 + 5000, (byte) 'y');
        guest.control(UbdAbi.CTL_PANIC, 0x6000);
        assertEquals(UbdAbi.PANIC_MESSAGE_MAX, ports.panicMessage().length());
        guest.control(UbdAbi.CTL_PANIC, -16);
        assertEquals("", ports.panicMessage());
    }

    @Test
    void stateSurvivesSaveAndRestore() throws IOException {
        ports.out(UbdAbi.BASE_PORT + UbdAbi.REG_VERSION, 4, 0x00010002);
        guest.info(BLOCK, 1, 0x3000);
        memory.write8(0x5000, 'p');
        guest.control(UbdAbi.CTL_PANIC, 0x5000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ports.saveState(new DataOutputStream(bytes));

        UbdPortBlock copy = new UbdPortBlock(memory, new RecordingMachineControl());
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(0x00010002, copy.guestVersion());
        assertEquals(UbdStatus.NO_DISK.code(), copy.in(UbdAbi.BASE_PORT + UbdAbi.REG_SUBMIT, 4));
        assertEquals(0x5000, copy.in(UbdAbi.BASE_PORT + UbdAbi.REG_ARG, 4));
        assertEquals("p", copy.panicMessage());
        copy.reset();
        assertNull(copy.panicMessage());
        assertEquals(0, copy.guestVersion());
    }

    @Test
    void generationChangesWithEveryAttachAndDetach() {
        int before = guest.register(UbdAbi.REG_GENERATION);
        ports.attach(5, MemoryDisk.patterned(4096, false));
        int afterAttach = guest.register(UbdAbi.REG_GENERATION);
        assertTrue(afterAttach != before);
        assertEquals(6, guest.register(UbdAbi.REG_DISK_SLOTS));
        assertEquals(ok(), guest.info(BLOCK, 5, 0x3000), "a hot-added disk answers INFO");
        assertEquals(8, guest.read64(0x3000));
        ports.detach(5);
        assertTrue(guest.register(UbdAbi.REG_GENERATION) != afterAttach);
        int afterDetach = guest.register(UbdAbi.REG_GENERATION);
        ports.detach(5);
        assertEquals(afterDetach, guest.register(UbdAbi.REG_GENERATION), "detaching an empty slot changes nothing");
        ports.reset();
        assertEquals(afterDetach, guest.register(UbdAbi.REG_GENERATION), "a machine reset keeps the configuration");
    }

    @Test
    void detachedSlotAnswersNoDisk() {
        assertEquals(disk, ports.detach(0).device());
        assertEquals(UbdStatus.NO_DISK.code(), guest.transfer(BLOCK, UbdAbi.OP_READ, 0, 0, 0x8000, 512));
        assertEquals(3, guest.register(UbdAbi.REG_DISK_SLOTS));
        ports.detach(2);
        assertEquals(0, guest.register(UbdAbi.REG_DISK_SLOTS));
    }
}
