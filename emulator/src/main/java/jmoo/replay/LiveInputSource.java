package jmoo.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Inputs from the user: bytes offered by the terminal thread, delivered whenever the machine
 * asks, and the host clock read once for the RTC. With a recorder, every input is logged with
 * the instruction count at which the machine took it, which is all a replay needs.
 */
public final class LiveInputSource implements InputSource {
    private final ConcurrentLinkedQueue<Byte> typed = new ConcurrentLinkedQueue<>();
    private final LongSupplier hostClockSeconds;
    private final InputLogWriter recorder;
    private long idleOrdinal;
    private boolean logging = true;

    /** @param recorder the log to record into, or null when not recording */
    public LiveInputSource(LongSupplier hostClockSeconds, InputLogWriter recorder) {
        this.hostClockSeconds = hostClockSeconds;
        this.recorder = recorder;
    }

    /**
     * Stops logging inputs: the machine jumped to another state (the monitor's loadvm), so the
     * log could not replay the run from here on. Machine thread only.
     */
    public void stopLogging() {
        logging = false;
    }

    private boolean logs() {
        return recorder != null && logging;
    }

    /** Called by the terminal reader thread with bytes the user typed. Thread-safe. */
    public void offer(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            typed.add(bytes[offset + i]);
        }
    }

    @Override
    public long startTimeEpochSeconds(long instructionCount) {
        long now = hostClockSeconds.getAsLong();
        if (logs()) {
            try {
                recorder.startTime(instructionCount, now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return now;
    }

    @Override
    public long idleWakeNanos(long instructionCount, long deadlineNanos, LongSupplier waitAndChoose) {
        idleOrdinal++;
        long wake = waitAndChoose.getAsLong();
        if (logs() && wake != deadlineNanos) {
            try {
                recorder.idleWake(instructionCount, idleOrdinal, wake);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return wake;
    }

    @Override
    public long nextDueAt() {
        return Long.MAX_VALUE;
    }

    @Override
    public boolean hasByte(long instructionCount) {
        return !typed.isEmpty();
    }

    @Override
    public int takeByte(long instructionCount) {
        int b = typed.remove() & 0xFF;
        if (logs()) {
            try {
                recorder.consoleByte(instructionCount, idleOrdinal, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b;
    }
}
