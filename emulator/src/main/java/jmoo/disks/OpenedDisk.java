package jmoo.disks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import jmoo.devices.ubd.UbdDisk;
import jmoo.disk.BlockDevice;
import jmoo.disk.CowChain;

/**
 * A disk of the command line, open: its argument and the engine's chain. The guest gets it
 * through {@link #toUbdDisk()} (or {@link UbdDisks#attachAll}), which carries the {@code s} flag
 * (a flush after every write) to the port block and allows live snapshots.
 *
 * @param createdCow the COW file this open created over its backing (UML's behaviour for a
 *                   missing COW), or null
 */
public record OpenedDisk(UbdArgument argument, CowChain chain, Path createdCow) implements Closeable {

    public int slot() {
        return argument.slot();
    }

    /**
     * The disk for the port block's slot; UML's s flag becomes the device's sync writes. The
     * chain is reached through a {@link SwitchableDisk}, so that a snapshot can put a new top
     * under the running guest.
     */
    public UbdDisk toUbdDisk() {
        return new UbdDisk(new SwitchableDisk(chain), argument.flags().sync());
    }

    /**
     * The chain as a plain block device. Attaching it directly loses the s flag and live
     * snapshots: attach with {@link UbdDisks#attachAll} (or {@link #toUbdDisk()}) instead.
     */
    public BlockDevice device() {
        return chain;
    }

    /** Flushes (when writable) and closes every layer. */
    @Override
    public void close() throws IOException {
        chain.close();
    }
}
