package jmoo.debug;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream filled by a daemon thread reading another one, so that a poll can see both
 * the bytes that arrived and the end of the stream without blocking: {@link #available()} is
 * at least 1 at the end of the stream (and {@link #read()} then returns -1 at once). The stub
 * polls gdb this way while the guest runs, to notice Ctrl-C and a debugger that went away.
 */
final class PumpedInput extends InputStream {
    private static final int CAPACITY = 1 << 16;

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int size;
    private boolean ended;

    PumpedInput(InputStream source, String threadName) {
        Thread pump = new Thread(() -> pump(source), threadName);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream source) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = source.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    put(buffer[i]);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection broke or closed: the same as its end for the reader
        } finally {
            end();
        }
    }

    private synchronized void put(byte b) throws InterruptedException {
        while (size == CAPACITY) {
            wait();
        }
        ring[(head + size) % CAPACITY] = b;
        size++;
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized int read() throws IOException {
        while (size == 0 && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for gdb", e);
            }
        }
        if (size == 0) {
            return -1;
        }
        int b = ring[head] & 0xFF;
        head = (head + 1) % CAPACITY;
        size--;
        notifyAll();
        return b;
    }

    @Override
    public synchronized int available() {
        return size > 0 ? size : ended ? 1 : 0;
    }
}
