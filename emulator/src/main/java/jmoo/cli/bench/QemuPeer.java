package jmoo.cli.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import jmoo.cli.UserError;

/**
 * The same work as the jmoo disk benchmarks, done by {@code qemu-img bench} on qcow2 overlays
 * and, as QEMU's own baseline, on raw files: a 64 MiB backing full of data, overlays fully
 * written, empty, or chained with the data striped across layers in 64 KiB stripes; first writes
 * scattered over a fresh 4 GiB overlay. qemu-img bench has no random mode: a large odd step
 * (wrapping at the image end) scatters the requests instead. Raw and qcow2 take turns
 * ({@value #ROUNDS} rounds, medians), like the jmoo side.
 */
final class QemuPeer {
    /** What one scenario measured: QEMU on a raw file and on qcow2, requests per second. */
    record Result(double rawOps, double qcow2Ops) {
    }

    /** One timed qemu-img bench run; {@code round} picks where first writes start. */
    private interface Sample {
        double run(int round) throws IOException, UserError;
    }

    private static final int ROUNDS = 3;
    private static final int BLOCK = 4096;
    private static final int STRIPE = 64 << 10;
    private static final int MIB = 1 << 20;
    private static final long DISK = 64L * MIB;
    private static final long FRESH = 4L << 30;
    /** Steps in blocks: odd, so they visit every block of a power-of-two disk before repeating. */
    private static final long SCATTER = 10007L * BLOCK;
    private static final long FRESH_SCATTER = 489905L * BLOCK;

    private final QemuImg qemu;
    private final Path dir;
    private final int reads;
    private final int writes;
    private final int mibs;
    private Path data;

    /** @param scale multiplies the request counts (1 = the short run) */
    QemuPeer(QemuImg qemu, Path dir, int scale) {
        this.qemu = qemu;
        this.dir = dir;
        this.reads = 30_000 * scale;
        this.writes = 10_000 * scale;
        this.mibs = 300 * scale;
    }

    Result readTop() throws IOException, UserError {
        Path full = overlay("full.qcow2");
        fill(full, "qcow2");
        return randomReads(full);
    }

    Result readBacking() throws IOException, UserError {
        return randomReads(overlay("empty.qcow2"));
    }

    /** {@code depth} overlays; 64 KiB stripe c is written in layer c mod (depth+1), 0 being the backing. */
    Result readChain(int depth) throws IOException, UserError {
        Path below = data();
        String format = "raw";
        for (int layer = 1; layer <= depth; layer++) {
            Path top = dir.resolve("chain" + depth + "-" + layer + ".qcow2");
            qemu.createOverlay(top, below, format);
            int stripes = (int) ((DISK / STRIPE - layer + depth) / (depth + 1));
            qemu.bench(top, "qcow2", true, STRIPE, (long) layer * STRIPE, (long) (depth + 1) * STRIPE, stripes);
            below = top;
            format = "qcow2";
        }
        return randomReads(below);
    }

    Result firstWrite() throws IOException, UserError {
        Path raw = sparse("fresh.img", FRESH);
        Path overlay = dir.resolve("fresh.qcow2");
        qemu.createOverlay(overlay, sparse("fresh-base.img", FRESH), "raw");
        // Each round starts where the last one stopped in the same scattered order: all first writes.
        Result r = paired(round -> qemu.bench(raw, "raw", true, BLOCK, start(round), FRESH_SCATTER, writes),
                round -> qemu.bench(overlay, "qcow2", true, BLOCK, start(round), FRESH_SCATTER, writes));
        // Drop the scattered dirty data now: written back later it would slow every run after this one.
        for (Path p : new Path[] {raw, overlay, dir.resolve("fresh-base.img")}) {
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(0);
            }
        }
        return r;
    }

    Result overwrite() throws IOException, UserError {
        Path full = overlay("overwrite.qcow2");
        fill(full, "qcow2");
        Path raw = data();
        return paired(round -> qemu.bench(raw, "raw", true, BLOCK, 0, SCATTER, writes),
                round -> qemu.bench(full, "qcow2", true, BLOCK, 0, SCATTER, writes));
    }

    Result sequentialRead() throws IOException, UserError {
        Path raw = data();
        Path overlay = overlay("seq.qcow2");
        return paired(round -> qemu.bench(raw, "raw", false, MIB, 0, MIB, mibs),
                round -> qemu.bench(overlay, "qcow2", false, MIB, 0, MIB, mibs));
    }

    Result sequentialWrite() throws IOException, UserError {
        Path full = overlay("seqw.qcow2");
        fill(full, "qcow2");
        Path raw = data();
        return paired(round -> qemu.bench(raw, "raw", true, MIB, 0, MIB, mibs),
                round -> qemu.bench(full, "qcow2", true, MIB, 0, MIB, mibs));
    }

    private Result randomReads(Path qcow2) throws IOException, UserError {
        Path raw = data();
        return paired(round -> qemu.bench(raw, "raw", false, BLOCK, 0, SCATTER, reads),
                round -> qemu.bench(qcow2, "qcow2", false, BLOCK, 0, SCATTER, reads));
    }

    /** Writes every block of the 64 MiB image, 4 KiB at a time (like the jmoo fixtures, see bench's Data). */
    private void fill(Path image, String format) throws IOException, UserError {
        qemu.bench(image, format, true, BLOCK, 0, BLOCK, (int) (DISK / BLOCK));
    }

    private long start(int round) {
        return Math.floorMod((long) round * writes * FRESH_SCATTER, FRESH);
    }

    private static Result paired(Sample raw, Sample qcow2) throws IOException, UserError {
        double[] r = new double[ROUNDS];
        double[] q = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            r[i] = raw.run(i);
            q[i] = qcow2.run(i);
        }
        return new Result(Stats.median(r), Stats.median(q));
    }

    private Path overlay(String name) throws IOException, UserError {
        Path overlay = dir.resolve(name);
        qemu.createOverlay(overlay, data(), "raw");
        return overlay;
    }

    /** The 64 MiB backing, every byte written (no holes). */
    private Path data() throws IOException, UserError {
        if (data == null) {
            data = sparse("data.img", DISK);
            qemu.chooseAio(data);
            fill(data, "raw");
        }
        return data;
    }

    private Path sparse(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }
}
