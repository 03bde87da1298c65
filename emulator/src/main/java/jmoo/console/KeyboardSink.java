package jmoo.console;

/** Where the console's reader thread puts the bytes meant for the guest. Thread-safe. */
public interface KeyboardSink {
    void offer(byte[] bytes, int offset, int length);

    /** The input ended (stdin closed or the terminal went away). */
    void close();
}
