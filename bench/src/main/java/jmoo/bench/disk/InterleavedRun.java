package jmoo.bench.disk;

import java.io.IOException;
import java.util.Arrays;

/**
 * The short run behind `./jmoo bench disk`: the same fixtures and benchmark methods as the JMH
 * classes, but raw and COW take turns in one JVM (short slices, many rounds) and each result is
 * the median over rounds. On a shared machine whose load drifts by the second, taking turns
 * keeps the raw/COW ratio honest where separate JMH forks minutes apart would not.
 *
 * <p>Prints one line per scenario: {@code RESULT <key> <raw ops/s> <cow ops/s> <median ratio>},
 * the key being the COW benchmark's JMH name and its parameters ("RandomRead4k.cowChain[depth=4]").
 *
 * <p>Usage: {@code java -cp benchmarks.jar jmoo.bench.disk.InterleavedRun [ROUNDS [SLICE_MS]]}
 * (default 20 rounds of 50 ms per side); files go where {@code -Djmoo.bench.dir} says.
 */
public final class InterleavedRun {
    /** One benchmark operation, run over and over. */
    private interface Op {
        void run() throws IOException;
    }

    private final int rounds;
    private final long sliceNanos;

    private InterleavedRun(int rounds, long sliceMillis) {
        this.rounds = rounds;
        this.sliceNanos = sliceMillis * 1_000_000L;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long slice = args.length > 1 ? Long.parseLong(args[1]) : 50;
        new InterleavedRun(rounds, slice).runAll();
    }

    private void runAll() throws IOException {
        RawImage raw = new RawImage();
        FullCow full = new FullCow();
        EmptyCow empty = new EmptyCow();
        raw.setUp();
        full.setUp();
        empty.setUp();
        try {
            runReads(raw, full, empty);
            runWrites(raw, full);
            runSequential(raw, full, empty);
        } finally {
            raw.tearDown();
            full.tearDown();
            empty.tearDown();
        }
    }

    private void runReads(RawImage raw, FullCow full, EmptyCow empty) throws IOException {
        RandomRead4k b = new RandomRead4k();
        Io rawIo = new Io();
        Io cowIo = new Io();
        compare("RandomRead4k.cowHit", () -> b.raw(raw, rawIo), () -> b.cowHit(full, cowIo));
        compare("RandomRead4k.cowMiss", () -> b.raw(raw, rawIo), () -> b.cowMiss(empty, cowIo));
        for (int depth : new int[] {1, 4, 16}) {
            ChainCow chain = new ChainCow();
            chain.depth = depth;
            chain.setUp();
            try {
                compare("RandomRead4k.cowChain[depth=" + depth + "]", () -> b.raw(raw, rawIo), () -> b.cowChain(chain, cowIo));
            } finally {
                chain.tearDown();
            }
        }
    }

    private void runWrites(RawImage raw, FullCow full) throws IOException {
        Write4k b = new Write4k();
        Io rawIo = new Io();
        Io cowIo = new Io();
        FreshRaw freshRaw = new FreshRaw();
        FreshCow freshCow = new FreshCow();
        freshRaw.setUpTrial();
        freshCow.setUpTrial();
        freshRaw.setUp();
        freshCow.setUp();
        try {
            compare("Write4k.cowFirst", () -> b.rawFirst(freshRaw, rawIo), () -> b.cowFirst(freshCow, cowIo));
        } finally {
            freshRaw.tearDown();
            freshCow.tearDown();
            freshRaw.tearDownTrial();
            freshCow.tearDownTrial();
        }
        compare("Write4k.cowOverwrite", () -> b.rawOverwrite(raw, rawIo), () -> b.cowOverwrite(full, cowIo));
    }

    private void runSequential(RawImage raw, FullCow full, EmptyCow empty) throws IOException {
        Sequential1m b = new Sequential1m();
        Io rawIo = new Io();
        Io cowIo = new Io();
        compare("Sequential1m.cowRead", () -> b.rawRead(raw, rawIo), () -> b.cowRead(empty, cowIo));
        compare("Sequential1m.cowWrite", () -> b.rawWrite(raw, rawIo), () -> b.cowWrite(full, cowIo));
    }

    /** Warms both sides up, then takes turns; prints the medians. */
    private void compare(String key, Op raw, Op cow) throws IOException {
        for (int i = 0; i < 3; i++) {
            rate(raw);
            rate(cow);
        }
        double[] rawRates = new double[rounds];
        double[] cowRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rawRates[r] = rate(raw);
            cowRates[r] = rate(cow);
            ratios[r] = cowRates[r] / rawRates[r];
        }
        System.out.printf("RESULT %s %.1f %.1f %.4f%n", key, median(rawRates), median(cowRates),
                median(ratios));
        System.out.flush();
    }

    /** Operations per second over one slice (the loop checks the clock every 16 operations). */
    private double rate(Op op) throws IOException {
        long start = System.nanoTime();
        long end = start + sliceNanos;
        long n = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                op.run();
            }
            n += 16;
            now = System.nanoTime();
        } while (now < end);
        return n * 1e9 / (now - start);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
