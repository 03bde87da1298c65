package jmoo.replay;

import java.util.List;

/** Several observers as one: the earliest stop of any, every one told of each slice, stop if any asks. */
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
    public boolean sliceEnded(long instructionCount) throws ReplayDivergenceException {
        boolean stop = false;
        for (SliceObserver o : all) {
            stop |= o.sliceEnded(instructionCount);
        }
        return stop;
    }
}
