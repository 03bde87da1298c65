package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import jmoo.disk.BlockDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1 MiB requests in order through a 64 MiB disk, wrapping at its end, page cache warm. COW
 * reads come from the backing through an empty COW (a fresh guest reading its base image);
 * COW writes overwrite sectors the COW already holds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Sequential1m {
    @Benchmark
    public ByteBuffer rawRead(RawImage image, Io io) throws IOException {
        io.mib.clear();
        image.disk.read(io.nextMibOffset(), io.mib);
        return io.mib;
    }

    @Benchmark
    public ByteBuffer cowRead(EmptyCow cow, Io io) throws IOException {
        io.mib.clear();
        cow.disk.read(io.nextMibOffset() / BlockDevice.SECTOR_SIZE, io.mib);
        return io.mib;
    }

    @Benchmark
    public ByteBuffer rawWrite(RawImage image, Io io) throws IOException {
        io.mib.clear();
        image.disk.write(io.nextMibOffset(), io.mib);
        return io.mib;
    }

    @Benchmark
    public ByteBuffer cowWrite(FullCow cow, Io io) throws IOException {
        io.mib.clear();
        cow.disk.write(io.nextMibOffset() / BlockDevice.SECTOR_SIZE, io.mib);
        return io.mib;
    }
}
