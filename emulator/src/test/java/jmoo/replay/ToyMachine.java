package jmoo.replay;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import jmoo.devices.Device;
import jmoo.devices.PhysicalMemory;

/**
 * A deterministic test machine: each step mixes a 64-bit "CPU" register with a generator, writes
 * one RAM byte and ticks a device counter; {@code perturbAt} makes one step behave differently.
 */
final class ToyMachine implements SnapshotableMachine, HashingRun {
    private final PhysicalMemory memory;
    private final long perturbAt;
    private long register = 1;
    private long count;
    private int ticks;
    int hashes;

    private final Device ticker = new Device() {
        @Override
        public String name() {
            return "ticker";
        }

        @Override
        public void reset() {
            ticks = 0;
        }

        @Override
        public void saveState(DataOutput out) throws IOException {
            out.writeInt(ticks);
        }

        @Override
        public void restoreState(DataInput in) throws IOException {
            ticks = in.readInt();
        }
    };

    ToyMachine(long perturbAt) {
        this(perturbAt, 4096);
    }

    ToyMachine(long perturbAt, int ramBytes) {
        this.perturbAt = perturbAt;
        this.memory = new PhysicalMemory(ramBytes);
    }

    void step() {
        count++;
        register = register * 6364136223846793005L + 1442695040888963407L;
        int value = (int) (register >>> 56);
        memory.write8((int) (count % 4096), count == perturbAt ? value ^ 1 : value);
        if (count % 16 == 0) {
            ticks++;
        }
    }

    long count() {
        return count;
    }

    void setRegister(long v) {
        register = v;
    }

    void tick() {
        ticks++;
    }

    @Override
    public void writeCpuState(DataOutput out) throws IOException {
        out.writeLong(register);
        out.writeLong(count);
    }

    @Override
    public void restoreCpuState(DataInput in) throws IOException {
        register = in.readLong();
        count = in.readLong();
    }

    @Override
    public PhysicalMemory memory() {
        return memory;
    }

    @Override
    public List<Device> devices() {
        return List.of(ticker);
    }

    @Override
    public StateHash runToAndHash(long instructionCount) {
        if (instructionCount < count) {
            throw new IllegalStateException("runs only go forward: at " + count + ", asked for " + instructionCount);
        }
        while (count < instructionCount) {
            step();
        }
        hashes++;
        return StateHash.of(this);
    }

    @Override
    public void close() {
    }
}
