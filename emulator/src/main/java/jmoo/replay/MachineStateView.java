package jmoo.replay;

import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import jmoo.devices.Device;
import jmoo.devices.PhysicalMemory;

/**
 * What a state hash covers: the CPU's architectural state, guest RAM, and every device's saved
 * state. The machine provides it (devices in a fixed order, so two runs hash alike).
 */
public interface MachineStateView {
    /** Writes every CPU register and mode bit that affects execution (see {@link CpuRegisters#write}). */
    void writeCpuState(DataOutput out) throws IOException;

    /**
     * Writes machine state kept outside the CPU and the devices, e.g. the virtual time skipped
     * while halted and the position in the input log.
     */
    default void writeMachineState(DataOutput out) throws IOException {
    }

    PhysicalMemory memory();

    /** The devices, always in the same order. */
    List<Device> devices();
}
