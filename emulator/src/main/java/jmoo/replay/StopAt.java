package jmoo.replay;

/** Stops a run once, at an exact instruction count (a replay's --until N). */
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
    public boolean sliceEnded(long count) {
        boolean now = !reached && count >= instructionCount;
        reached |= now;
        return now;
    }
}
