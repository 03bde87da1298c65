package jmoo.bench.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import jmoo.disk.BlockDevice;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A new COW each iteration over a sparse 4 GiB backing: every write is a first write. */
@State(Scope.Thread)
public class FreshCow {
    BenchDir dir;
    BlockDevice disk;

    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        dir = new BenchDir();
        try (RawDisk base = new RawDisk(dir.file("base.img"))) {
            base.setLength(Data.FIRST_WRITE_BYTES);
        }
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        Engine.createCow(dir.file("fresh.cow"), dir.file("base.img"));
        disk = Engine.open(dir.file("fresh.cow"));
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        // Closing flushes (fdatasync); hundreds of MiB scattered over 4 GiB take minutes to reach
        // the disk. The benchmark measures page-cache writes, so drop the data first.
        try (FileChannel ch = FileChannel.open(dir.file("fresh.cow"), StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        disk.close();
        Files.delete(dir.file("fresh.cow"));
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        dir.close();
    }
}
