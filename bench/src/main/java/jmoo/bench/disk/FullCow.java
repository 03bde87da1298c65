package jmoo.bench.disk;

import java.io.IOException;
import jmoo.disk.BlockDevice;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A COW over a 64 MiB backing, every sector written to the COW: reads hit the top layer. */
@State(Scope.Thread)
public class FullCow {
    BenchDir dir;
    BlockDevice disk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = new BenchDir();
        Data.fill(dir.file("base.img"), Data.DISK_BYTES, 1);
        Engine.createCow(dir.file("top.cow"), dir.file("base.img"));
        disk = Engine.open(dir.file("top.cow"));
        Layers.writeStripes(disk, Data.MIB, 1, 0, 2);
        disk.flush();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        disk.close();
        dir.close();
    }
}
