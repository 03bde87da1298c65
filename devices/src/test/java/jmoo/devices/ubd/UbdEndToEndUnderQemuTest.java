package jmoo.devices.ubd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's real jmoo_ubd driver against the real Java {@link UbdPortBlock} and the real COW
 * engine, with QEMU as the CPU (the jmoo CPU is not needed): gdb at QEMU's gdbstub forwards each
 * port access of the driver to a {@link UbdBridgeServer} in this JVM. The guest boots its ext2
 * root from /dev/ubda, a COW over the shipped rootfs, writes a file and a raw sector, discards a
 * range of another COW disk, and powers off. Afterwards the backings are unchanged, the COW holds
 * the guest's data and flattens to a clean file system.
 */
class UbdEndToEndUnderQemuTest {
    private static final int RAM = 64 << 20;
    private static final String SCRIPT = String.join("\n",
            "echo \"ubd-test: start\"",
            "echo \"written by the guest\" > /root/guest-file",
            "sync",
            "dd if=/dev/zero of=/root/fsynced bs=512 count=4 conv=fsync 2>/dev/null && echo \"ubd-test: fsync done\"",
            "blkdiscard -o 0 -l 65536 /dev/ubdc && echo \"ubd-test: discard done\"",
            "echo hello-sector | dd of=/dev/ubdc bs=512 seek=200 conv=sync,fsync 2>/dev/null",
            "echo \"ubd-test: end\"", "");

    @TempDir
    Path dir;

    @Test
    void guestBootsFromACowOnTheJavaDeviceAndItsWritesLandInTheCow() throws Exception {
        QemuOracles.requireTools("qemu-system-i386", "gdb", "e2fsck", "debugfs", "python3");
        Path rootBacking = QemuOracles.gunzip(QemuOracles.IMAGES.resolve("rootfs.ext2.gz"), dir.resolve("root_fs"));
        Path dataBacking = dir.resolve("data_fs");
        byte[] data = new byte[1 << 20];
        Arrays.fill(data, (byte) 0x5A);
        Files.write(dataBacking, data);
        Path script = dir.resolve("script.img");
        Files.write(script, Arrays.copyOf(SCRIPT.getBytes(StandardCharsets.US_ASCII), 4096));
        String rootSha = sha256(rootBacking);
        CowFiles.create(dir.resolve("root.cow"), rootBacking, false);
        CowFiles.create(dir.resolve("data.cow"), dataBacking, false);

        String console;
        try (UbdBridgeServer bridge = new UbdBridgeServer(RAM);
             CowChain root = CowChain.open(dir.resolve("root.cow"), OpenOptions.writable());
             CowChain scriptDisk = CowChain.open(script, OpenOptions.readOnly());
             CowChain dataDisk = CowChain.open(dir.resolve("data.cow"), OpenOptions.writable())) {
            bridge.ports.attach(0, root);
            bridge.ports.attach(1, scriptDisk);
            bridge.ports.attach(2, dataDisk);
            console = boot(bridge, "root=/dev/ubda rw panic=-1 jmoo.run=/dev/ubdb");

            assertEquals(List.of("poweroff"), bridge.controls, console);
            assertEquals(UbdAbi.VERSION, bridge.ports.guestVersion());
            assertEquals(0, bridge.ports.counters().failedRequests(), bridge.ports.counters().lastProblem());
            UbdDisk rootDisk = bridge.ports.disk(0);
            assertTrue(rootDisk.writes() > 0 && rootDisk.flushes() > 0,
                    "root writes " + rootDisk.writes() + ", flushes " + rootDisk.flushes() + "\n" + console);
            assertTrue(bridge.ports.disk(2).discards() > 0, console);
            assertArrayEquals(new byte[65536], read(dataDisk, 0, 128), "discarded range reads as zeros");
            byte[] sector200 = read(dataDisk, 200, 1);
            assertEquals("hello-sector\n", new String(sector200, 0, 13, StandardCharsets.US_ASCII));
            assertEquals(0x5A, read(dataDisk, 128, 1)[0], "outside the discard the backing shows through");
        }
        assertTrue(console.contains("ubd-test: fsync done") && console.contains("ubd-test: discard done")
                && console.contains("ubd-test: end"), console);
        assertEquals(rootSha, sha256(rootBacking), "the shipped root image is never written");
        assertArrayEquals(data, Files.readAllBytes(dataBacking));

        Path flat = flatten(dir.resolve("root.cow"), dir.resolve("root.flat"));
        Process fsck = new ProcessBuilder("e2fsck", "-fn", flat.toString()).redirectErrorStream(true).start();
        String fsckOutput = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fsck.waitFor(), fsckOutput);
        Process cat = new ProcessBuilder("debugfs", "-R", "cat /root/guest-file", flat.toString()).start();
        String file = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        cat.waitFor();
        assertEquals("written by the guest\n", file);
    }

    /** Runs QEMU (paused, gdbstub on) and gdb with the bridge script; returns the console text. */
    private String boot(UbdBridgeServer bridge, String cmdline) throws Exception {
        Path map = QemuOracles.gunzip(QemuOracles.IMAGES.resolve("System.map.gz"), dir.resolve("System.map"));
        Path consoleLog = dir.resolve("console.log");
        int gdbPort;
        try (var probe = new java.net.ServerSocket(0)) {
            gdbPort = probe.getLocalPort();
        }
        List<String> qemuCommand = new ArrayList<>(List.of("qemu-system-i386", "-M", "pc",
                "-cpu", "486,-fpu,-pse,-vme,-hypervisor,+cmov", "-m", "64", "-no-reboot", "-display", "none",
                "-monitor", "none", "-serial", "file:" + consoleLog,
                "-kernel", QemuOracles.IMAGES.resolve("bzImage-lz4").toString(),
                "-append", "console=ttyS0 lpj=312500 " + cmdline, "-gdb", "tcp:127.0.0.1:" + gdbPort, "-S"));
        Process qemu = new ProcessBuilder(qemuCommand).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.out").toFile()).start();
        bridge.start();
        ProcessBuilder gdb = new ProcessBuilder("gdb", "-batch", "-nx", "-x",
                QemuOracles.IMAGES.resolve("ubd/qemu-gdb/ubd_device.py").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gdb.out").toFile());
        gdb.environment().put("UBD_GDB_PORT", Integer.toString(gdbPort));
        gdb.environment().put("UBD_BRIDGE_PORT", Integer.toString(bridge.port()));
        gdb.environment().put("UBD_SYSTEM_MAP", map.toString());
        gdb.environment().put("UBD_LOG", dir.resolve("device.log").toString());
        Process g = gdb.start();
        try {
            boolean ended = g.waitFor(5, TimeUnit.MINUTES);
            String console = Files.exists(consoleLog) ? Files.readString(consoleLog).replace("\r", "") : "";
            assertTrue(ended, "gdb did not finish in 5 minutes; console:\n" + console);
            bridge.join(10_000);
            return console + "\n--- device log\n" + Files.readString(dir.resolve("device.log"));
        } finally {
            g.destroyForcibly();
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] read(CowChain disk, long sector, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count * 512);
        disk.read(sector, buffer);
        return buffer.array();
    }

    /** Writes the disk as the guest sees it to a raw file (whole sectors). */
    private static Path flatten(Path cow, Path out) throws IOException {
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            try (var channel = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                for (long sector = 0; sector < chain.size() / 512; sector += 128) {
                    buffer.clear().limit((int) Math.min(1 << 16, chain.size() - sector * 512));
                    chain.read(sector, buffer);
                    channel.write(buffer.flip());
                }
            }
        }
        return out;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
