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
    /** Writes every CPU register and mode bit that affects execution (see CpuState). */
    void writeCpuState(DataOutput out) throws IOException;

    PhysicalMemory memory();

    /** The devices, always in the same order. */
    List<Device> devices();
}
