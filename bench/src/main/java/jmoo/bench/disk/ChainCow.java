package jmoo.bench.disk;

import java.io.IOException;
import java.nio.file.Path;
import jmoo.disk.BlockDevice;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A chain of {@code depth} COW layers over a 64 MiB backing. The data is spread evenly in
 * 64 KiB stripes (qcow2's cluster size): stripe c lives in layer c mod (depth+1), layer 0 being
 * the backing, so a random read walks down depth/2 layers on average and sometimes all the way
 * to the backing.
 */
@State(Scope.Thread)
public class ChainCow {
    @Param({"1", "4", "16"})
    int depth;

    BenchDir dir;
    BlockDevice disk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = new BenchDir();
        Path below = dir.file("base.img");
        Data.fill(below, Data.DISK_BYTES, 1);
        for (int layer = 1; layer <= depth; layer++) {
            Path cow = dir.file("layer" + layer + ".cow");
            Engine.createCow(cow, below);
            try (BlockDevice chain = Engine.open(cow)) {
                Layers.writeStripes(chain, Data.STRIPE, depth + 1, layer, 10 + layer);
            }
            below = cow;
        }
        disk = Engine.open(below);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        disk.close();
        dir.close();
    }
}
