package jmoo.replay;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records external inputs while a machine runs (see {@link InputLogFormat}). Console bytes taken
 * at the same instruction count are grouped into one record, written when the count moves on or
 * on {@link #flush()}.
 */
public final class InputLogWriter implements Closeable {
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long pendingCount = -1;
    private long lastCount;
    private long lastIdleOrdinal;

    public InputLogWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        out.write(InputLogFormat.MAGIC);
    }

    public void startTime(long instructionCount, long epochSeconds) throws IOException {
        writePending();
        record(InputLogFormat.START_TIME, instructionCount);
        writeVarint(epochSeconds);
    }

    /** Records that the {@code idleOrdinal}-th idle period ended at virtual time {@code wakeNanos}. */
    public void idleWake(long instructionCount, long idleOrdinal, long wakeNanos) throws IOException {
        writePending();
        if (idleOrdinal <= lastIdleOrdinal) {
            throw new IllegalArgumentException("idle " + idleOrdinal + " recorded after idle " + lastIdleOrdinal);
        }
        record(InputLogFormat.IDLE_WAKE, instructionCount);
        writeVarint(idleOrdinal - lastIdleOrdinal);
        writeVarint(wakeNanos);
        lastIdleOrdinal = idleOrdinal;
    }

    /** Records one console byte delivered to the guest at {@code instructionCount}. */
    public void consoleByte(long instructionCount, int b) throws IOException {
        if (instructionCount != pendingCount) {
            writePending();
            checkOrder(instructionCount);
            pendingCount = instructionCount;
        }
        pending.write(b);
    }

    /** Writes grouped bytes and pushes everything to the file. */
    public void flush() throws IOException {
        writePending();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void writePending() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        record(InputLogFormat.CONSOLE, pendingCount);
        writeVarint(pending.size());
        pending.writeTo(out);
        pending.reset();
        pendingCount = -1;
    }

    private void record(int tag, long instructionCount) throws IOException {
        checkOrder(instructionCount);
        out.write(tag);
        writeVarint(instructionCount - lastCount);
        lastCount = instructionCount;
    }

    private void checkOrder(long instructionCount) {
        if (instructionCount < lastCount) {
            throw new IllegalArgumentException("input at instruction " + instructionCount
                    + " recorded after one at " + lastCount + ": counts must not decrease");
        }
    }

    private void writeVarint(long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative value in input log: " + v);
        }
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
