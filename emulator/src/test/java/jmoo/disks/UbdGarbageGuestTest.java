package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jmoo.devices.ubd.UbdCounters;
import jmoo.devices.ubd.UbdStatus;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import jmoo.machine.ConsoleTail;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.LiveInputSource;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare-metal guest (src/test/resources/jmoo/disks/ubd-garbage.c, built with gcc -m32 and ld)
 * booted as the kernel with the disks of {@code ubd0=COW,BACKING ubd1r=RO} hammers the ubd port
 * block: thousands of hostile request blocks and random port accesses, interleaved with valid
 * requests it checks. The machine must run it to the power-off it asks for; the host must have
 * refused and counted exactly what the guest tallied; only the COW file may change; the valid
 * data must be where the guest put it.
 */
@Timeout(900)
class UbdGarbageGuestTest {
    private static final long START = 1_800_000_000L;
    private static final int RAM = 16 << 20;              // RAM_SIZE in the program
    private static final int BACKING_SECTORS = 8192;
    private static final int READ_ONLY_SECTORS = 96;
    private static final int FINAL_SECTOR = 4000;         // the program's last pattern
    private static final int FINAL_SECTORS = 8;
    private static final int FINAL_TAG = 0xF1A1;
    private static final Pattern DONE = Pattern.compile("UBD-GARBAGE-DONE((?: \\w+=\\d+)+)");

    @TempDir
    Path dir;

    /** The disks of one run, in a folder of their own, with every file's sha256 before the run. */
    private record Disks(Path folder, Path backing, Path readOnly, Path cow, Map<Path, String> before) {
        List<String> arguments() {
            return List.of("ubd0=" + cow + "," + backing, "ubd1r=" + readOnly);
        }
    }

    @Test
    void hostileRequestsAreRefusedCountedAndOnlyTheCowChanges() throws Exception {
        hammerInProcess(0x6a6d6f6fL, 6000);
    }

    @Test
    @Tag("slow")
    void moreSeedsAndLongerRuns() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            hammerInProcess(seed, 25_000);
        }
    }

    /** The same through {@code ./jmoo --kernel GUEST mem=16M ubd0=... ubd1r=...} in a child JVM. */
    @Test
    void theCliRunsTheHammerToThePowerOffItAsksFor() throws Exception {
        Path elf = buildGuest(7, 3000);
        Disks disks = disks("cli");
        Path err = dir.resolve("cli-stderr.txt");
        List<String> args = new ArrayList<>(List.of("--kernel", elf.toString(), "mem=16M"));
        args.addAll(disks.arguments());
        String console;
        try (JmooProcess jmoo = JmooProcess.start(err, args.toArray(String[]::new))) {
            assertEquals(0, jmoo.awaitExit(), jmoo.console() + Files.readString(err));
            console = jmoo.console();
        }
        assertTrue(Files.readString(err).contains("the guest powered off"), Files.readString(err));
        Map<String, Long> tally = tally(console);
        assertEquals(0, tally.get("check_failures"), console);
        assertEquals(0, tally.get("status_mismatch"), console);
        assertEquals(0, tally.get("io_error"), console);
        assertOnlyTheCowChanged(disks);
    }

    private void hammerInProcess(long seed, int iterations) throws Exception {
        Path elf = buildGuest(seed, iterations);
        Disks disks = disks("seed" + seed);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine;
        RunOutcome outcome;
        try (UbdDisks ubd = UbdDisks.open(disks.arguments())) {
            ConsoleTail tail = new ConsoleTail(console::write);
            machine = new Machine(RAM, 10, START, tail);
            ubd.attachAll(machine.portBlock());
            machine.bootLinux(elf, null, "");
            Mailbox mailbox = new Mailbox();
            mailbox.closeInput();
            outcome = new RunLoop(machine, mailbox, new LiveInputSource(() -> START, null), () -> { }, tail,
                    HostTime.fixed(START), false).run();
        }
        String text = "seed " + seed + ": " + console.toString(StandardCharsets.UTF_8);
        assertEquals(RunOutcome.Kind.POWER_OFF, outcome.kind(), outcome.message() + "\n" + text);
        Map<String, Long> tally = tally(text);
        UbdCounters host = machine.portBlock().counters();

        assertEquals(0, tally.get("check_failures"), "valid requests among the garbage failed: " + text);
        assertTrue(tally.get("checks") >= iterations / 16 * 7, text);
        assertEquals(0, tally.get("odd_status"), text);
        assertEquals(0, tally.get("status_mismatch"), "the block's status word and the status register disagree: " + text);
        for (UbdStatus s : UbdStatus.values()) {
            assertEquals(tally.get(s.name().toLowerCase()), host.requests(s), s + " requests: guest tally vs host counter, " + text);
        }
        assertEquals(0, host.hostErrors(), host.lastProblem());
        assertEquals(tally.get("bad_ports"), host.badPortAccesses(), text);
        assertEquals(tally.get("unknown_controls"), host.unknownControls(), text);
        assertTrue(tally.get("panics") > 0 && machine.portBlock().panicMessage() != null, "panic notices were recorded");
        for (String refused : List.of("bad_request", "no_disk", "read_only", "out_of_range", "unsupported")) {
            assertTrue(tally.get(refused) >= 20, "the garbage reached the " + refused + " check: " + text);
        }
        assertTrue(tally.get("garbage_writes_ok") > 0 && tally.get("garbage_reads_ok") > 0,
                "some garbage was well-formed enough to be performed: " + text);
        assertEquals(0, machine.portBlock().disk(1).sectorsWritten());
        assertOnlyTheCowChanged(disks);
    }

    private Disks disks(String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path backing = Files.write(folder.resolve("backing.img"), randomBytes(BACKING_SECTORS * 512));
        Path readOnly = Files.write(folder.resolve("ro.img"), readOnlyContent());
        Path cow = folder.resolve("disk.cow");
        CowFiles.create(cow, backing, false);
        return new Disks(folder, backing, readOnly, cow, shaOfEveryFile(folder));
    }

    private static void assertOnlyTheCowChanged(Disks disks) throws Exception {
        Map<Path, String> after = shaOfEveryFile(disks.folder());
        assertEquals(disks.before().keySet(), after.keySet(), "no file appeared or vanished");
        for (Path file : after.keySet()) {
            if (file.equals(disks.cow())) {
                assertNotEquals(disks.before().get(file), after.get(file), "the guest's writes are in the COW");
            } else {
                assertEquals(disks.before().get(file), after.get(file), file + " is unchanged");
            }
        }
        assertArrayEquals(readOnlyContent(), Files.readAllBytes(disks.readOnly()));
        try (CowChain chain = CowChain.open(disks.cow(), OpenOptions.readOnly())) {
            ByteBuffer data = ByteBuffer.allocate(FINAL_SECTORS * 512);
            chain.read(FINAL_SECTOR, data);
            for (int i = 0; i < FINAL_SECTORS * 512; i++) {
                assertEquals((byte) (FINAL_TAG * 31 + i * 7 + (i >>> 9)), data.get(i), "byte " + i + " of the final pattern");
            }
            for (int s = FINAL_SECTOR; s < FINAL_SECTOR + FINAL_SECTORS; s++) {
                assertEquals(0, chain.layerFor(s), "sector " + s + " is served by the COW");
            }
        }
    }

    private Path buildGuest(long seed, int iterations) throws Exception {
        Path gcc = OracleTools.require("gcc");
        Path ld = OracleTools.require("ld");
        Path build = Files.createDirectories(dir.resolve("build-" + seed));
        Path source = build.resolve("ubd-garbage.c");
        try (InputStream in = getClass().getResourceAsStream("/jmoo/disks/ubd-garbage.c")) {
            Files.copy(in, source);
        }
        OracleTools.run(List.of(gcc.toString(), "-m32", "-march=i386", "-mgeneral-regs-only", "-ffreestanding",
                "-fno-pic", "-fno-pie", "-fno-stack-protector", "-fno-tree-loop-distribute-patterns",
                "-fno-asynchronous-unwind-tables", "-nostdlib", "-O2", "-DSEED=" + seed + "u", "-DITERATIONS=" + iterations,
                "-c", "-o", "guest.o", source.toString()), build, 120).orFail();
        OracleTools.run(List.of(ld.toString(), "-m", "elf_i386", "-N", "-Ttext=0x100000", "-e", "_start",
                "-o", "guest.elf", "guest.o"), build, 60).orFail();
        return build.resolve("guest.elf");
    }

    /** The program's ro_byte(): byte o of the read-only disk. */
    private static byte[] readOnlyContent() {
        byte[] b = new byte[READ_ONLY_SECTORS * 512];
        for (int o = 0; o < b.length; o++) {
            b[o] = (byte) (o * 13 + (o >>> 9) * 5 + 1);
        }
        return b;
    }

    private static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    private static Map<String, Long> tally(String console) {
        Matcher m = DONE.matcher(console);
        assertTrue(m.find(), "the guest printed no UBD-GARBAGE-DONE line:\n" + console);
        Map<String, Long> tally = new HashMap<>();
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            tally.put(kv[0], Long.parseLong(kv[1]));
        }
        return tally;
    }

    private static Map<Path, String> shaOfEveryFile(Path folder) throws Exception {
        Map<Path, String> shas = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                shas.put(f, Sha256.ofFile(f));
            }
        }
        return shas;
    }
}
