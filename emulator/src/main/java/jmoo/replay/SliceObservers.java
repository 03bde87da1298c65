package jmoo.replay;

import java.util.List;

/** Several observers as one: the earliest stop of any, and every one told of each slice. */
public final class SliceObservers implements SliceObserver {
    private final List<SliceObserver> all;

    public SliceObservers(List<SliceObserver> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public long nextStopAt() {
        long next = Long.MAX_VALUE;
        for (SliceObserver o : all) {
            next = Math.min(next, o.nextStopAt());
        }
        return next;
    }

    @Override
    public void sliceEnded(long instructionCount) throws ReplayDivergenceException {
        for (SliceObserver o : all) {
            o.sliceEnded(instructionCount);
        }
    }
}
