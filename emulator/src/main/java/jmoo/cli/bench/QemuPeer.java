package jmoo.cli.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jmoo.cli.UserError;

/**
 * The same work as the JMH disk benchmarks, done by {@code qemu-img bench} on qcow2 overlays
 * (and on raw files, QEMU's own baseline): a 64 MiB backing full of data, overlays fully
 * written, empty, or chained with the data striped across layers; first writes scattered over a
 * fresh 4 GiB overlay. qemu-img bench has no random mode: a large odd step (wrapping at the
 * image end) scatters the requests instead.
 */
final class QemuPeer {
    /** What one scenario measured: QEMU on a raw file and on qcow2, requests per second. */
    record Result(double rawOps, double qcow2Ops) {
    }

    private static final int BLOCK = 4096;
    private static final int MIB = 1 << 20;
    private static final long DISK = 64L * MIB;
    private static final long FRESH = 4L << 30;
    /** Steps in blocks: odd, so they visit every block of a power-of-two disk before repeating. */
    private static final long SCATTER = 10007L * BLOCK;
    private static final long FRESH_SCATTER = 489905L * BLOCK;

    private final QemuImg qemu;
    private final Path dir;
    private final int scale;
    private final Map<String, Double> rawCache = new HashMap<>();
    private Path data;

    /** @param scale multiplies the request counts (1 = the short run) */
    QemuPeer(QemuImg qemu, Path dir, int scale) {
        this.qemu = qemu;
        this.dir = dir;
        this.scale = scale;
    }

    Result readTop() throws IOException, UserError {
        Path full = overlay("full.qcow2");
        qemu.bench(full, "qcow2", true, MIB, 0, MIB, (int) (DISK / MIB));
        return new Result(rawRandomRead(), randomRead(full));
    }

    Result readBacking() throws IOException, UserError {
        return new Result(rawRandomRead(), randomRead(overlay("empty.qcow2")));
    }

    /** {@code depth} overlays; 4 KiB block b is written in layer b mod (depth+1), 0 being the backing. */
    Result readChain(int depth) throws IOException, UserError {
        Path below = data();
        String format = "raw";
        for (int layer = 1; layer <= depth; layer++) {
            Path top = dir.resolve("chain" + depth + "-" + layer + ".qcow2");
            qemu.createOverlay(top, below, format);
            int blocks = (int) ((DISK / BLOCK - layer + depth) / (depth + 1));
            qemu.bench(top, "qcow2", true, BLOCK, (long) layer * BLOCK, (long) (depth + 1) * BLOCK, blocks);
            below = top;
            format = "qcow2";
        }
        return new Result(rawRandomRead(), randomRead(below));
    }

    Result firstWrite() throws IOException, UserError {
        int count = 50_000 * scale;
        Path raw = sparse("fresh.img", FRESH);
        double rawOps = qemu.bench(raw, "raw", true, BLOCK, 0, FRESH_SCATTER, count);
        Path overlay = dir.resolve("fresh.qcow2");
        qemu.createOverlay(overlay, sparse("fresh-base.img", FRESH), "raw");
        return new Result(rawOps, qemu.bench(overlay, "qcow2", true, BLOCK, 0, FRESH_SCATTER, count));
    }

    Result overwrite() throws IOException, UserError {
        Path full = overlay("overwrite.qcow2");
        qemu.bench(full, "qcow2", true, MIB, 0, MIB, (int) (DISK / MIB));
        int count = 50_000 * scale;
        return new Result(qemu.bench(data(), "raw", true, BLOCK, 0, SCATTER, count),
                qemu.bench(full, "qcow2", true, BLOCK, 0, SCATTER, count));
    }

    Result sequentialRead() throws IOException, UserError {
        int count = 1000 * scale;
        return new Result(qemu.bench(data(), "raw", false, MIB, 0, MIB, count),
                qemu.bench(overlay("seq.qcow2"), "qcow2", false, MIB, 0, MIB, count));
    }

    Result sequentialWrite() throws IOException, UserError {
        Path full = overlay("seqw.qcow2");
        qemu.bench(full, "qcow2", true, MIB, 0, MIB, (int) (DISK / MIB));
        int count = 1000 * scale;
        return new Result(qemu.bench(data(), "raw", true, MIB, 0, MIB, count),
                qemu.bench(full, "qcow2", true, MIB, 0, MIB, count));
    }

    private double randomRead(Path image) throws IOException, UserError {
        return qemu.bench(image, "qcow2", false, BLOCK, 0, SCATTER, 100_000 * scale);
    }

    private double rawRandomRead() throws IOException, UserError {
        Double cached = rawCache.get("read");
        if (cached == null) {
            cached = qemu.bench(data(), "raw", false, BLOCK, 0, SCATTER, 100_000 * scale);
            rawCache.put("read", cached);
        }
        return cached;
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
            qemu.bench(data, "raw", true, MIB, 0, MIB, (int) (DISK / MIB));
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
