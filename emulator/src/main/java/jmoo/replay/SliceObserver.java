package jmoo.replay;

/**
 * Something that must see the machine at exact instruction counts: checkpoint hashing while
 * recording, checkpoint verification while replaying, a replay's --until stop. The machine's run
 * loop honours it with two calls:
 *
 * <pre>
 *   slice = min(slice, observer.nextStopAt() - cpu.instructionCount())   // before running a slice
 *   if (observer.sliceEnded(cpu.instructionCount())) return "stopped"     // after it (and timers)
 * </pre>
 */
public interface SliceObserver {
    /** The next instruction count the run must stop at, or {@link Long#MAX_VALUE}. */
    long nextStopAt();

    /**
     * Called after every slice; acts when the count reached {@link #nextStopAt()}.
     *
     * @return true when the run should stop here (the machine stays resumable)
     */
    boolean sliceEnded(long instructionCount) throws ReplayDivergenceException;
}
