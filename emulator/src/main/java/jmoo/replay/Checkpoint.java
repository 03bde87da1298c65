package jmoo.replay;

/** The machine state hash after {@code instructionCount} instructions. */
public record Checkpoint(long instructionCount, StateHash hash) {
}
