package jmoo.bench.disk;

import java.io.IOException;
import java.nio.file.Files;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A new sparse 4 GiB raw image each iteration: the baseline for first writes (block allocation). */
@State(Scope.Thread)
public class FreshRaw {
    BenchDir dir;
    RawDisk disk;

    @Setup(Level.Trial)
    public void setUpTrial() {
        dir = new BenchDir();
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        disk = new RawDisk(dir.file("fresh.img"));
        disk.setLength(Data.FIRST_WRITE_BYTES);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        disk.close();
        Files.delete(dir.file("fresh.img"));
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        dir.close();
    }
}
