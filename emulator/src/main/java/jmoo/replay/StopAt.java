package jmoo.replay;

/** Stops a run at an exact instruction count (a replay's --until N); {@link #reached()} tells. */
public final class StopAt implements SliceObserver {
    private final long instructionCount;
    private boolean reached;

    public StopAt(long instructionCount) {
        this.instructionCount = instructionCount;
    }

    @Override
    public long nextStopAt() {
        return reached ? Long.MAX_VALUE : instructionCount;
    }

    @Override
    public void sliceEnded(long count) {
        reached |= count >= instructionCount;
    }

    /** True once the run reached the count: the run loop should end the run. */
    public boolean reached() {
        return reached;
    }
}
