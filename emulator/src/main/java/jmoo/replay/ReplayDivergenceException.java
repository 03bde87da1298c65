package jmoo.replay;

/** A replay left the recorded path (an input was not taken when it was recorded, a hash differs). */
public final class ReplayDivergenceException extends Exception {
    private final long instructionCount;

    public ReplayDivergenceException(long instructionCount, String message) {
        super("replay diverged at instruction " + instructionCount + ": " + message);
        this.instructionCount = instructionCount;
    }

    public long instructionCount() {
        return instructionCount;
    }
}
