package jmoo.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Inputs from a recorded log, each delivered at exactly its recorded point: the instruction count
 * and the number of idle periods (calls of {@link #idleWakeNanos}) before it.
 */
public final class ReplayInputSource implements InputSource {
    private final Path file;
    private final long startTimeEpochSeconds;
    private final Deque<InputEvent> pending = new ArrayDeque<>();
    private final Deque<InputEvent> idleWakes = new ArrayDeque<>();
    private long idleOrdinal;
    private int indexInEvent;
    private long deliveredBytes;

    public ReplayInputSource(Path file) throws IOException {
        this(file, InputLogReader.readAll(file));
    }

    ReplayInputSource(Path file, List<InputEvent> events) throws InputLogException {
        this.file = file;
        Long start = null;
        for (InputEvent e : events) {
            switch (e.kind()) {
                case START_TIME -> start = start == null ? e.startTimeEpochSeconds() : start;
                case IDLE_WAKE -> idleWakes.add(e);
                case CONSOLE -> pending.add(e);
            }
        }
        if (start == null) {
            throw new InputLogException(file, 8, "no start time record ('T'): the log cannot set the RTC");
        }
        this.startTimeEpochSeconds = start;
    }

    @Override
    public long startTimeEpochSeconds(long instructionCount) {
        return startTimeEpochSeconds;
    }

    @Override
    public long idleWakeNanos(long instructionCount, long deadlineNanos, LongSupplier waitAndChoose)
            throws ReplayDivergenceException {
        idleOrdinal++;
        InputEvent next = idleWakes.peekFirst();
        if (next != null && next.idleOrdinal() == idleOrdinal) {
            if (next.instructionCount() != instructionCount) {
                throw new ReplayDivergenceException(instructionCount, "idle period " + idleOrdinal
                        + " was recorded at instruction " + next.instructionCount() + " in " + file);
            }
            idleWakes.removeFirst();
            return next.wakeNanos();
        }
        if (deadlineNanos == Long.MAX_VALUE) {
            throw new ReplayDivergenceException(instructionCount, "the CPU is halted with no timer armed, and "
                    + file + " records no wake-up for idle period " + idleOrdinal);
        }
        return deadlineNanos;
    }

    @Override
    public long nextDueAt() {
        InputEvent next = pending.peekFirst();
        return next == null ? Long.MAX_VALUE : next.instructionCount();
    }

    @Override
    public boolean hasByte(long instructionCount) throws ReplayDivergenceException {
        InputEvent next = pending.peekFirst();
        if (next == null || next.instructionCount() > instructionCount) {
            return false;
        }
        if (next.instructionCount() < instructionCount || next.idleOrdinal() < idleOrdinal) {
            throw new ReplayDivergenceException(instructionCount, "the console byte recorded at instruction "
                    + next.instructionCount() + " after idle period " + next.idleOrdinal() + " in " + file
                    + " was not taken then (now after idle period " + idleOrdinal + ")");
        }
        return next.idleOrdinal() == idleOrdinal;
    }

    @Override
    public int takeByte(long instructionCount) {
        InputEvent next = pending.peekFirst();
        if (next == null || next.instructionCount() != instructionCount || next.idleOrdinal() != idleOrdinal) {
            throw new IllegalStateException("takeByte(" + instructionCount + ") without a byte due then");
        }
        int b = next.consoleBytes()[indexInEvent++] & 0xFF;
        deliveredBytes++;
        if (indexInEvent == next.consoleBytes().length) {
            pending.removeFirst();
            indexInEvent = 0;
        }
        return b;
    }

    /** Idle periods gone through so far. */
    public long idlePeriods() {
        return idleOrdinal;
    }

    /** Console bytes delivered so far. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    /**
     * Moves to a snapshot's point in the log: {@code idlePeriods} idle periods and
     * {@code inputBytes} console bytes already behind (the run resumes from the snapshot).
     */
    public void skipTo(long idlePeriods, long inputBytes) throws InputLogException {
        if (idleOrdinal != 0 || deliveredBytes != 0) {
            throw new IllegalStateException("skipTo on a log already in use");
        }
        while (!idleWakes.isEmpty() && idleWakes.peekFirst().idleOrdinal() <= idlePeriods) {
            idleWakes.removeFirst();
        }
        idleOrdinal = idlePeriods;
        while (deliveredBytes < inputBytes) {
            InputEvent next = pending.peekFirst();
            if (next == null) {
                throw new InputLogException(file, 0, "the snapshot was taken after " + inputBytes
                        + " console bytes, the log holds only " + deliveredBytes);
            }
            int take = (int) Math.min(next.consoleBytes().length, inputBytes - deliveredBytes);
            deliveredBytes += take;
            if (take == next.consoleBytes().length) {
                pending.removeFirst();
            } else {
                indexInEvent = take;
            }
        }
    }

    /** Console bytes not delivered yet (a complete replay ends with none). */
    public int remainingBytes() {
        int n = -indexInEvent;
        for (InputEvent e : pending) {
            n += e.consoleBytes().length;
        }
        return n;
    }
}
