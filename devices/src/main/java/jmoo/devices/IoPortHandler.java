package jmoo.devices;

/** A device's view of x86 port I/O. Sizes are 1, 2 or 4 bytes. */
public interface IoPortHandler {
    /** Reads {@code size} bytes from {@code port}; the result is zero-extended. */
    int in(int port, int size);

    /** Writes the low {@code size} bytes of {@code value} to {@code port}. */
    void out(int port, int size, int value);
}
