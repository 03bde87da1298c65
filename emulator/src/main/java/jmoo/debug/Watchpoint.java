package jmoo.debug;

/** A data watchpoint: stop after an instruction changed any byte of {@code [address, address+length)}. */
public record Watchpoint(int address, int length) {
    public Watchpoint {
        if (length <= 0 || length > 4096) {
            throw new IllegalArgumentException("watchpoint length must be 1..4096, got " + length);
        }
    }
}
