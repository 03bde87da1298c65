package jmoo.replay;

import java.io.DataInput;
import java.io.IOException;

/**
 * A machine whose whole state can be saved and restored: {@link MachineStateView}'s writers,
 * plus the matching readers. Devices restore through {@link jmoo.devices.Device#restoreState}.
 */
public interface SnapshotableMachine extends MachineStateView {
    /** Restores what {@link #writeCpuState} wrote. */
    void restoreCpuState(DataInput in) throws IOException;

    /** Restores what {@link #writeMachineState} wrote. */
    default void restoreMachineState(DataInput in) throws IOException {
    }
}
