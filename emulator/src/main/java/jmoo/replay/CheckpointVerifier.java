package jmoo.replay;

import java.util.List;

/**
 * Compares a replay's state hashes with the recorded checkpoints as the replay reaches them; the
 * first mismatch ends the replay with the interval that diverged (then {@link DivergenceFinder}
 * can bisect it).
 */
public final class CheckpointVerifier implements SliceObserver {
    private final MachineStateView machine;
    private final List<Checkpoint> expected;
    private int index;

    public CheckpointVerifier(MachineStateView machine, List<Checkpoint> expected) {
        this.machine = machine;
        this.expected = List.copyOf(expected);
    }

    @Override
    public long nextStopAt() {
        return index < expected.size() ? expected.get(index).instructionCount() : Long.MAX_VALUE;
    }

    @Override
    public boolean sliceEnded(long instructionCount) throws ReplayDivergenceException {
        if (index >= expected.size() || instructionCount < expected.get(index).instructionCount()) {
            return false;
        }
        Checkpoint want = expected.get(index);
        if (instructionCount > want.instructionCount()) {
            throw new IllegalStateException("the run loop ran past checkpoint " + want.instructionCount());
        }
        StateHash got = StateHash.of(machine);
        if (!got.equals(want.hash())) {
            long previous = index == 0 ? 0 : expected.get(index - 1).instructionCount();
            throw new ReplayDivergenceException(instructionCount, "the machine state hash differs from the recording's;"
                    + " the first divergent instruction is in (" + previous + ", " + instructionCount + "]");
        }
        index++;
        return false;
    }

    /** Checkpoints verified so far. */
    public int verified() {
        return index;
    }
}
