package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jmoo.console.Monitor;
import jmoo.console.MonitorTarget;
import jmoo.devices.PhysicalMemory;
import jmoo.devices.ubd.MachineControl;
import jmoo.devices.ubd.UbdPortBlock;
import jmoo.disk.BlockDevice;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskMonitorTest {
    private static final int GENERATION = UbdPortBlock.BASE_PORT + 0x18;

    @TempDir
    Path dir;
    private Path base;
    private UbdPortBlock ports;
    private UbdDisks disks;
    private DiskMonitor monitor;

    @BeforeEach
    void machineWithOneDisk() throws Exception {
        base = Files.write(dir.resolve("base.img"), filled(64 * 512, 'B'));
        ports = new UbdPortBlock(new PhysicalMemory(1 << 20), new MachineControl() {
            @Override
            public void powerOff() {
            }

            @Override
            public void reboot() {
            }

            @Override
            public void halt() {
            }

            @Override
            public void panic(String message) {
            }

            @Override
            public void panicEnd() {
            }
        });
        disks = UbdDisks.open(List.of("ubd0=" + dir.resolve("root.cow") + "," + base));
        disks.attachAll(ports);
        monitor = new DiskMonitor(ports, disks);
    }

    @AfterEach
    void close() throws Exception {
        disks.close();
    }

    @Test
    void infoDisksShowsLayersSizesAndRequests() throws Exception {
        write(0, 3, 'W');
        String info = monitor.execute("info disks");
        assertTrue(info.startsWith("ubda  ubd0=" + dir.resolve("root.cow") + "," + base + "\n  32 KiB, read-write\n"), info);
        assertTrue(info.contains("COW v3 " + dir.resolve("root.cow") + ": 1 sectors allocated"), info);
        assertTrue(info.contains("image " + base), info);
        assertTrue(info.contains("port block: no requests"), info);
        assertNull(monitor.execute("info regs"), "not a disk command");
        assertNull(monitor.execute("cont"));
    }

    @Test
    void configHotAddsAndRemoveDetachesWithAGenerationChangeEachTime() throws Exception {
        int g0 = ports.in(GENERATION, 4);
        Path data = dir.resolve("data.cow");
        String added = monitor.execute("config ubd2s=" + data + "," + base);
        assertEquals("ubdc attached: " + data + " -> " + base + " (created " + data + ")", added);
        assertTrue(ports.disk(2).syncWrites());
        assertNotEquals(g0, ports.in(GENERATION, 4));
        assertTrue(monitor.execute("config ubd2=" + data).startsWith("ubd2=" + data + ": ubdc is in use"));
        int g1 = ports.in(GENERATION, 4);
        assertEquals("ubdc detached and closed", monitor.execute("remove ubdc"));
        assertNull(ports.disk(2));
        assertNotEquals(g1, ports.in(GENERATION, 4));
        assertEquals("ubd2: no disk in ubdc", monitor.execute("remove ubd2"));
        try (CowChain reopened = CowChain.open(data, OpenOptions.writable())) {
            assertEquals(2, reopened.layers().size(), "closed: its lock is free again");
        }
    }

    @Test
    void snapshotFreezesTheTopAndTheGuestGoesOnWritingANewOne() throws Exception {
        Path root = dir.resolve("root.cow");
        write(0, 0, 'A');
        int generation = ports.in(GENERATION, 4);
        String said = monitor.execute("snapshot ubd0");
        Path next = dir.resolve("root-1.cow");
        assertEquals("ubda: " + root + " is frozen; writes go to " + next + " (boot it later with ubd0=" + next + ")", said);
        assertEquals(generation, ports.in(GENERATION, 4), "the guest sees no disk change");
        write(0, 0, 'C');
        assertEquals('C', read(0));
        assertEquals('B', read(1));
        assertEquals(List.of(next, root, base), disks.get(0).chain().layers().stream().map(l -> l.path()).toList());
        assertEquals(root.toAbsolutePath().toString(), CowFiles.readHeader(next).backingPath());
        disks.close();
        try (CowChain frozen = CowChain.open(root, OpenOptions.readOnly())) {
            ByteBuffer b = ByteBuffer.allocate(512);
            frozen.read(0, b);
            assertEquals('A', b.get(0), "the frozen layer keeps what was written before the snapshot");
        }
    }

    @Test
    void snapshotRefusesAnExistingFileAndGoesOnUnchanged() throws Exception {
        Path taken = Files.write(dir.resolve("taken.cow"), new byte[1]);
        String said = monitor.execute("snapshot ubd0 " + taken);
        assertEquals("ubda snapshot: " + taken + ": already exists", said);
        write(0, 5, 'D');
        assertEquals('D', read(5));
        assertFalse(Files.exists(dir.resolve("root-1.cow")));
    }

    @Test
    void theConsoleMonitorPassesDiskCommandsOnAndListsThemInHelp() {
        Monitor console = new Monitor(new MonitorTarget() {
            @Override
            public String registers() {
                return "regs";
            }

            @Override
            public String memoryMappings() {
                return "mem";
            }

            @Override
            public void stop() {
            }

            @Override
            public void cont() {
            }

            @Override
            public boolean stopped() {
                return false;
            }

            @Override
            public void quit() {
            }

            @Override
            public String moreCommands(String line) {
                return monitor.execute(line);
            }

            @Override
            public String moreHelp() {
                return DiskMonitor.HELP;
            }
        });
        assertTrue(console.execute("info  disks").startsWith("ubda  ubd0="), "extra blanks are fine too");
        assertEquals("regs", console.execute("info regs"));
        assertTrue(console.execute("help").contains("snapshot ubdN [FILE]"));
        assertEquals("unknown command: 'frobnicate' (try help)", console.execute("frobnicate"));
    }

    private void write(int slot, long sector, char fill) throws Exception {
        ports.disk(slot).device().write(sector, ByteBuffer.wrap(filled(512, fill)));
    }

    private char read(long sector) throws Exception {
        BlockDevice d = ports.disk(0).device();
        ByteBuffer b = ByteBuffer.allocate(512);
        d.read(sector, b);
        return (char) b.get(0);
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
