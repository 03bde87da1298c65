package jmoo.replay;

/**
 * One run of a machine from its starting state (a replay of a bundle, say), which can be moved
 * forward to an exact instruction count and hashed there. Closing it releases the machine.
 */
public interface HashingRun extends AutoCloseable {
    /** Runs forward to exactly {@code instructionCount} (not before the current count) and hashes the state. */
    StateHash runToAndHash(long instructionCount) throws Exception;

    /** Starts fresh runs of one machine configuration. */
    @FunctionalInterface
    interface Factory {
        HashingRun start() throws Exception;
    }
}
