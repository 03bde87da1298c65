package jmoo.bench.disk;

import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A 64 MiB raw image full of data: the baseline for reads and overwrites. */
@State(Scope.Thread)
public class RawImage {
    BenchDir dir;
    RawDisk disk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = new BenchDir();
        Data.fill(dir.file("raw.img"), Data.DISK_BYTES, 1);
        disk = new RawDisk(dir.file("raw.img"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        disk.close();
        dir.close();
    }
}
