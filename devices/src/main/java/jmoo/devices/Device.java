package jmoo.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The narrow interface every device model implements (in the spirit of Firecracker's devices):
 * reset, and save/restore of its whole state so a machine snapshot can be taken and replayed.
 * Port or memory access goes through {@link IoPortHandler}; interrupts through an {@link IrqLine}.
 */
public interface Device {
    /** Short name used in snapshots and the monitor, e.g. "pic-master", "uart0". */
    String name();

    /** Puts the device in its power-on state. */
    void reset();

    /** Writes the device's complete state; {@link #restoreState} must accept exactly this. */
    void saveState(DataOutput out) throws IOException;

    /** Restores a state written by {@link #saveState}. */
    void restoreState(DataInput in) throws IOException;
}
