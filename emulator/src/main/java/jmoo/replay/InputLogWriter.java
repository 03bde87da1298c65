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
 * at the same point (instruction count and idle ordinal) are grouped into one record, written
 * when the point moves on or on {@link #flush()}.
 */
public final class InputLogWriter implements Closeable {
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long pendingCount = -1;
    private long pendingIdle = -1;
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
        writeIdleOrdinal(idleOrdinal);
        writeVarint(wakeNanos);
    }

    /**
     * Records one console byte delivered to the guest at {@code instructionCount}, after
     * {@code idleOrdinal} idle periods (a halted CPU does not advance the count, so the count
     * alone does not say whether a byte came before or after an idle wait).
     */
    public void consoleByte(long instructionCount, long idleOrdinal, int b) throws IOException {
        if (instructionCount != pendingCount || idleOrdinal != pendingIdle) {
            writePending();
            checkOrder(instructionCount);
            checkIdleOrder(idleOrdinal);
            pendingCount = instructionCount;
            pendingIdle = idleOrdinal;
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
        writeIdleOrdinal(pendingIdle);
        writeVarint(pending.size());
        pending.writeTo(out);
        pending.reset();
        pendingCount = -1;
        pendingIdle = -1;
    }

    private void record(int tag, long instructionCount) throws IOException {
        checkOrder(instructionCount);
        out.write(tag);
        writeVarint(instructionCount - lastCount);
        lastCount = instructionCount;
    }

    private void writeIdleOrdinal(long idleOrdinal) throws IOException {
        checkIdleOrder(idleOrdinal);
        writeVarint(idleOrdinal - lastIdleOrdinal);
        lastIdleOrdinal = idleOrdinal;
    }

    private void checkOrder(long instructionCount) {
        if (instructionCount < lastCount) {
            throw new IllegalArgumentException("input at instruction " + instructionCount
                    + " recorded after one at " + lastCount + ": counts must not decrease");
        }
    }

    private void checkIdleOrder(long idleOrdinal) {
        if (idleOrdinal < lastIdleOrdinal) {
            throw new IllegalArgumentException("input after idle " + idleOrdinal + " recorded after one after idle "
                    + lastIdleOrdinal + ": idle ordinals must not decrease");
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
