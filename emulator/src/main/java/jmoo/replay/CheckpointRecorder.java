package jmoo.replay;

import java.util.ArrayList;
import java.util.List;

/** Hashes the machine state every {@code interval} instructions while a run is recorded. */
public final class CheckpointRecorder implements SliceObserver {
    private final MachineStateView machine;
    private final long interval;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private long next;

    public CheckpointRecorder(MachineStateView machine, long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive: " + interval);
        }
        this.machine = machine;
        this.interval = interval;
        this.next = interval;
    }

    @Override
    public long nextStopAt() {
        return next;
    }

    @Override
    public boolean sliceEnded(long instructionCount) {
        if (instructionCount == next) {
            checkpoints.add(new Checkpoint(instructionCount, StateHash.of(machine)));
            next += interval;
        } else if (instructionCount > next) {
            throw new IllegalStateException("the run loop ran past checkpoint " + next + " to " + instructionCount);
        }
        return false;
    }

    public List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }
}
