package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLogTest {
    @TempDir
    Path dir;

    private Path sampleLog() throws IOException {
        Path log = dir.resolve("input.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            w.startTime(0, 1_764_000_000L);
            w.consoleByte(1_000, 0, 'l');
            w.consoleByte(1_000, 0, 's');
            w.consoleByte(5_000_000_000L, 0, '\n');
            w.consoleByte(5_000_000_001L, 0, 0xFF);
        }
        return log;
    }

    @Test
    void roundTripKeepsEveryByteAndCountAndGroupsSameCountBytes() throws IOException {
        List<InputEvent> events = InputLogReader.readAll(sampleLog());
        assertEquals(4, events.size());
        assertEquals(InputEvent.Kind.START_TIME, events.get(0).kind());
        assertEquals(1_764_000_000L, events.get(0).startTimeEpochSeconds());
        assertEquals(1_000, events.get(1).instructionCount());
        assertArrayEquals("ls".getBytes(), events.get(1).consoleBytes());
        assertEquals(5_000_000_000L, events.get(2).instructionCount());
        assertArrayEquals(new byte[] {(byte) 0xFF}, events.get(3).consoleBytes());
        // magic 8; T: tag, delta 0, 31-bit time (5); C: tag, 2-byte delta, idle, len, 2 bytes;
        // C: tag, 5-byte delta, idle, len, byte; C: 5
        assertEquals(8 + 7 + 7 + 9 + 5, Files.size(dir.resolve("input.log")), "compact: varint deltas");
    }

    @Test
    void everyTruncationIsAClearErrorNamingTheFileAndOffset() throws IOException {
        byte[] whole = Files.readAllBytes(sampleLog());
        Path cut = dir.resolve("cut.log");
        int errors = 0;
        for (int length = 0; length < whole.length; length++) {
            Files.write(cut, Arrays.copyOf(whole, length));
            try {
                List<InputEvent> events = InputLogReader.readAll(cut);
                assertTrue(events.size() < 4, "a cut log may end on a record boundary, with fewer records");
            } catch (InputLogException e) {
                errors++;
                assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
                assertTrue(e.offset() <= length && e.getMessage().endsWith("at offset " + e.offset()),
                        e.getMessage());
            }
        }
        assertTrue(errors >= whole.length - 4, "only the record boundaries read cleanly: " + errors);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 2));
        InputLogException e = assertThrows(InputLogException.class, () -> InputLogReader.readAll(cut));
        assertEquals(cut + ": truncated record: the file ends inside the length of console record at offset "
                + (whole.length - 2), e.getMessage());
    }

    @Test
    void aFileThatIsNotALogIsRefusedAtOffsetZero() throws IOException {
        Path other = dir.resolve("other");
        Files.writeString(other, "hello world");
        InputLogException e = assertThrows(InputLogException.class, () -> InputLogReader.readAll(other));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("JMOOINP1"), e.getMessage());
    }

    @Test
    void countsMustNotGoBackwards() throws IOException {
        try (InputLogWriter w = new InputLogWriter(dir.resolve("x.log"))) {
            w.consoleByte(10, 0, 'a');
            assertThrows(IllegalArgumentException.class, () -> w.consoleByte(9, 0, 'b'));
        }
    }

    @Test
    void aLiveRecordingReplaysAtExactlyTheSameCounts() throws Exception {
        Path log = dir.resolve("rec.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            LiveInputSource live = new LiveInputSource(() -> 42_000L, w);
            assertEquals(42_000L, live.startTimeEpochSeconds(0));
            assertEquals(Long.MAX_VALUE, live.nextDueAt());
            assertFalse(live.hasByte(10));
            live.offer("abc".getBytes(), 0, 3);
            assertEquals('a', live.takeByte(100));
            assertEquals('b', live.takeByte(100));
            assertEquals('c', live.takeByte(250));
        }
        ReplayInputSource replay = new ReplayInputSource(log);
        assertEquals(42_000L, replay.startTimeEpochSeconds(0));
        assertEquals(100, replay.nextDueAt());
        assertFalse(replay.hasByte(99));
        assertTrue(replay.hasByte(100));
        assertEquals('a', replay.takeByte(100));
        assertEquals('b', replay.takeByte(100));
        assertFalse(replay.hasByte(100));
        assertEquals(250, replay.nextDueAt());
        assertEquals(1, replay.remainingBytes());
        ReplayDivergenceException late = assertThrows(ReplayDivergenceException.class, () -> replay.hasByte(251));
        assertEquals(251, late.instructionCount());
        assertTrue(late.getMessage().contains("recorded at instruction 250"), late.getMessage());
        assertEquals('c', replay.takeByte(250));
        assertEquals(Long.MAX_VALUE, replay.nextDueAt());
        assertEquals(0, replay.remainingBytes());
    }

    @Test
    void aLogWithoutStartTimeCannotBeReplayed() throws IOException {
        Path log = dir.resolve("nostart.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            w.consoleByte(3, 0, 'x');
        }
        InputLogException e = assertThrows(InputLogException.class, () -> new ReplayInputSource(log));
        assertTrue(e.getMessage().contains("no start time"), e.getMessage());
    }

    @Test
    void earlyIdleWakesAreRecordedAndReplayedWithoutWaiting() throws Exception {
        Path log = dir.resolve("idle.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            LiveInputSource live = new LiveInputSource(() -> 7L, w);
            live.startTimeEpochSeconds(0);
            assertEquals(5_000, live.idleWakeNanos(100, 5_000, () -> 5_000));   // slept to the deadline
            assertEquals(6_123, live.idleWakeNanos(200, 9_000, () -> 6_123));   // woken early by a key
            live.offer(new byte[] {'k'}, 0, 1);
            assertEquals('k', live.takeByte(200));
            assertEquals(42, live.idleWakeNanos(300, Long.MAX_VALUE, () -> 42)); // no timer armed
        }
        List<InputEvent> events = InputLogReader.readAll(log);
        assertEquals(List.of(InputEvent.Kind.START_TIME, InputEvent.Kind.IDLE_WAKE, InputEvent.Kind.CONSOLE,
                InputEvent.Kind.IDLE_WAKE), events.stream().map(InputEvent::kind).toList());
        assertEquals(2, events.get(1).idleOrdinal());
        assertEquals(3, events.get(3).idleOrdinal());
        ReplayInputSource replay = new ReplayInputSource(log);
        java.util.function.LongSupplier mustNotWait = () -> {
            throw new AssertionError("a replay never waits in real time");
        };
        assertEquals(5_000, replay.idleWakeNanos(100, 5_000, mustNotWait));
        assertEquals(6_123, replay.idleWakeNanos(200, 9_000, mustNotWait));
        assertEquals(42, replay.idleWakeNanos(300, Long.MAX_VALUE, mustNotWait));
        ReplayDivergenceException e = assertThrows(ReplayDivergenceException.class,
                () -> replay.idleWakeNanos(400, Long.MAX_VALUE, mustNotWait));
        assertTrue(e.getMessage().contains("no timer armed"), e.getMessage());
        ReplayInputSource other = new ReplayInputSource(log);
        other.idleWakeNanos(100, 5_000, mustNotWait);
        assertThrows(ReplayDivergenceException.class, () -> other.idleWakeNanos(201, 9_000, mustNotWait));
    }

    @Test
    void aByteTakenAfterAnIdleWaitIsNotDeliveredBeforeItAtTheSameCount() throws Exception {
        Path log = dir.resolve("idle-order.log");
        try (InputLogWriter w = new InputLogWriter(log)) {
            LiveInputSource live = new LiveInputSource(() -> 1L, w);
            live.startTimeEpochSeconds(0);
            live.offer(new byte[] {'a', 'b'}, 0, 2);
            assertEquals('a', live.takeByte(500));                        // before any idle
            live.idleWakeNanos(500, 9_000, () -> 9_000);                   // HLT at 500, slept to the timer
            live.idleWakeNanos(500, 19_000, () -> 19_000);                 // and again, still at 500
            assertEquals('b', live.takeByte(500));                        // then the byte, same count
        }
        List<InputEvent> events = InputLogReader.readAll(log);
        assertEquals(0, events.get(1).idleOrdinal());
        assertEquals(2, events.get(2).idleOrdinal());
        ReplayInputSource replay = new ReplayInputSource(log);
        java.util.function.LongSupplier noWait = () -> {
            throw new AssertionError("no waiting in replay");
        };
        assertTrue(replay.hasByte(500));
        assertEquals('a', replay.takeByte(500));
        assertFalse(replay.hasByte(500), "'b' came after two idle periods");
        assertEquals(500, replay.nextDueAt(), "the run must not pass 500 before delivering 'b'");
        replay.idleWakeNanos(500, 9_000, noWait);
        assertFalse(replay.hasByte(500));
        replay.idleWakeNanos(500, 19_000, noWait);
        assertTrue(replay.hasByte(500));
        assertEquals('b', replay.takeByte(500));
        ReplayInputSource skipped = new ReplayInputSource(log);
        skipped.takeByte(500);
        skipped.idleWakeNanos(500, 9_000, noWait);
        skipped.idleWakeNanos(500, 19_000, noWait);
        skipped.idleWakeNanos(500, 29_000, noWait);
        assertThrows(ReplayDivergenceException.class, () -> skipped.hasByte(500), "a third idle passed the delivery");
    }
}
