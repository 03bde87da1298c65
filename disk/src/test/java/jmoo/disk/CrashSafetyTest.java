package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process (SIGKILL) at random points, then checks the COW: every write
 * acknowledged by a completed flush reads back, and every sector reads as its old or its new
 * contents, never anything else.
 */
class CrashSafetyTest {
    private static final long SIZE = 128 * 1024 + 100; // odd size: the partial last sector is in play
    private static final int ROUNDS = 400;

    @TempDir
    Path dir;

    @Test
    void aHandfulOfKills() throws Exception {
        trials(6, 1);
    }

    @Test
    @Tag("slow")
    void twoHundredKills() throws Exception {
        trials(200, 1000);
    }

    @Test
    void aSecondWriterInAnotherProcessIsRefused() throws Exception {
        Path cow = freshCow(0);
        Process p = start(cow, 0, 1_000_000);
        try (BufferedReader out = reader(p)) {
            assertEquals("READY", out.readLine());
            DiskLockedException e = assertThrows(DiskLockedException.class,
                    () -> CowChain.open(cow, OpenOptions.writable()));
            assertTrue(e.getMessage().startsWith(cow.toString()) && e.getMessage().contains("another process"),
                    e.getMessage());
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        CowChain.open(cow, OpenOptions.writable()).close();
    }

    private void trials(int count, long firstSeed) throws Exception {
        Random rnd = new Random(firstSeed);
        for (int t = 0; t < count; t++) {
            long seed = firstSeed + t;
            Path cow = freshCow(seed);
            int acksBeforeKill = rnd.nextInt(40);
            long extraMicros = rnd.nextInt(3000);
            int lastAck = killWriter(cow, seed, acksBeforeKill, extraMicros);
            verify(cow, seed, lastAck);
        }
    }

    private Path freshCow(long seed) throws Exception {
        Path trial = dir.resolve("t" + seed);
        java.nio.file.Files.createDirectories(trial);
        Path base = TestFiles.raw(trial.resolve("base"), SIZE, seed);
        Path cow = trial.resolve("disk.cow");
        CowFiles.create(cow, base, false);
        return cow;
    }

    /** Runs a writer, kills it after some acknowledgements, returns the last round acknowledged. */
    private int killWriter(Path cow, long seed, int acks, long extraMicros) throws Exception {
        Process p = start(cow, seed, ROUNDS);
        int lastAck = -1;
        try (BufferedReader out = reader(p)) {
            String line = out.readLine();
            if (!"READY".equals(line)) {
                fail("writer did not start: " + line + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            for (int i = 0; i < acks && (line = out.readLine()) != null && line.startsWith("ACK "); i++) {
                lastAck = Integer.parseInt(line.substring(4));
            }
            TimeUnit.MICROSECONDS.sleep(extraMicros);
            p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroy, keeps stdout readable
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                }
            }
        }
        return lastAck;
    }

    private static Process start(Path cow, long seed, int rounds) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), cow.toString(),
                Long.toString(seed), Integer.toString(rounds)).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void verify(Path cow, long seed, int lastAck) throws Exception {
        Path base = cow.resolveSibling("base");
        try (CowChain d = CowChain.open(cow, OpenOptions.readOnly())) {
            CrashPlan plan = new CrashPlan(seed, d.sectors());
            Map<Long, Long> acked = new HashMap<>();
            for (int r = 0; r <= lastAck; r++) {
                for (CrashPlan.Write w : plan.round(r)) {
                    for (int i = 0; i < w.count(); i++) {
                        acked.put(w.sector() + i, w.tag());
                    }
                }
            }
            Map<Long, Set<Long>> maybe = new HashMap<>();
            for (CrashPlan.Write w : plan.round(lastAck + 1)) {
                for (int i = 0; i < w.count(); i++) {
                    maybe.computeIfAbsent(w.sector() + i, k -> new HashSet<>()).add(w.tag());
                }
            }
            ByteBuffer got = ByteBuffer.allocate(512);
            for (long s = 0; s < d.sectors(); s++) {
                got.clear();
                d.read(s, got);
                checkSector(base, s, got.array(), acked.get(s), maybe.getOrDefault(s, Set.of()), seed, lastAck);
            }
        }
    }

    private static void checkSector(Path base, long s, byte[] got, Long ackedTag, Set<Long> maybeTags, long seed,
            int lastAck) throws Exception {
        byte[] old = ackedTag != null ? TestFiles.sector(s, ackedTag).array()
                : Arrays.copyOf(TestFiles.readAll(base, s * 512, 512), 512);
        if (Arrays.equals(old, got)) {
            return;
        }
        for (long tag : maybeTags) {
            if (Arrays.equals(TestFiles.sector(s, tag).array(), got)) {
                return;
            }
        }
        fail("seed " + seed + ", last acknowledged round " + lastAck + ": sector " + s
                + " reads neither its acknowledged contents (tag " + ackedTag + ") nor an unacknowledged write "
                + maybeTags + "; found tag " + ByteBuffer.wrap(got).getLong(8));
    }

}
