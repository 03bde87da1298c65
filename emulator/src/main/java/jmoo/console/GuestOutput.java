package jmoo.console;

import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;

/**
 * The guest's serial output on its way to the user's terminal or stdout: buffered, flushed by
 * the run loop, and held back (kept, not lost) while the monitor owns the screen.
 */
public final class GuestOutput implements IntConsumer, Flushable {
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int count;
    private boolean held;
    private final ByteArrayOutputStream heldBytes = new ByteArrayOutputStream();

    public GuestOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(int b) {
        if (held) {
            heldBytes.write(b);
            return;
        }
        if (count == buffer.length) {
            flush();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void flush() {
        try {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** While held, output is kept aside; releasing writes it out. */
    public synchronized void hold(boolean hold) {
        if (hold) {
            flush();
        }
        held = hold;
        if (!hold && heldBytes.size() > 0) {
            byte[] kept = heldBytes.toByteArray();
            heldBytes.reset();
            for (byte b : kept) {
                accept(b);
            }
            flush();
        }
    }
}
