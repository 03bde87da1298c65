package jmoo.bench.disk;

import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Per-thread buffers (heap, like guest RAM) and block choices for one benchmark. */
@State(Scope.Thread)
public class Io {
    final ByteBuffer block = Data.pattern(Data.BLOCK, 3);
    final ByteBuffer mib = Data.pattern(Data.MIB, 4);
    final BlockPicker disk = new BlockPicker(Data.DISK_BYTES / Data.BLOCK, 0x5EED);
    final BlockPicker fresh = new BlockPicker(Data.FIRST_WRITE_BYTES / Data.BLOCK, 0xF1E5);
    private long sequentialMib;

    /** The next 1 MiB slot of the disk, in order, wrapping at its end. */
    long nextMibOffset() {
        long offset = sequentialMib * Data.MIB;
        sequentialMib = (sequentialMib + 1) % (Data.DISK_BYTES / Data.MIB);
        return offset;
    }
}
