package jmoo.disks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import jmoo.disk.BlockDevice;
import jmoo.disk.CowChain;

/**
 * A disk of the command line, open: its argument, the engine's chain (for {@code info disks})
 * and the device the guest gets (the chain, or the chain flushing after every write for the
 * {@code s} flag).
 *
 * @param createdCow the COW file this open created over its backing (UML's behaviour for a
 *                   missing COW), or null
 */
public record OpenedDisk(UbdArgument argument, CowChain chain, BlockDevice device, Path createdCow)
        implements Closeable {

    public int slot() {
        return argument.slot();
    }

    /** Flushes (when writable) and closes every layer. */
    @Override
    public void close() throws IOException {
        device.close();
    }
}
