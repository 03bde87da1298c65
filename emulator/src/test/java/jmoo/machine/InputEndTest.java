package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What happens after the end of input: Ctrl-D at a quiet prompt, then the end of a quiet run. */
class InputEndTest {
    private static final long SECOND = 1_000_000_000L;
    private final ConsoleTail tail = new ConsoleTail(new ByteArrayOutputStream()::write);
    private final ByteArrayOutputStream typed = new ByteArrayOutputStream();
    private final InputEnd end = new InputEnd(tail, typed::write);

    private void guestPrints(String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            tail.accept(b);
        }
    }

    @Test
    void ctrlDIsTypedOnceAPromptHasBeenQuietForASecond() {
        guestPrints("jmoo:~# \033[6n");
        assertNull(end.check(0));
        assertNull(end.check(SECOND - 1));
        assertEquals(0, typed.size(), "not quiet long enough");
        assertNull(end.check(SECOND));
        assertEquals("\004", typed.toString());
        assertNull(end.check(2 * SECOND));
        assertEquals(1, typed.size(), "once per prompt");
    }

    @Test
    void noCtrlDWhileACommandRunsSilently() {
        guestPrints("jmoo:~# sleep 100\r\n");
        assertNull(end.check(0));
        assertNull(end.check(100 * SECOND));
        assertEquals(0, typed.size());
    }

    @Test
    void atMostThreeCtrlDsThenAQuietGuestEndsTheRun() {
        long now = 0;
        for (int prompt = 0; prompt < 5; prompt++) {
            guestPrints("$ ");
            end.check(now);
            now += 2 * SECOND;
            end.check(now);
        }
        assertEquals("\004\004\004", typed.toString(), "a shell that respawns gets three, not forever");
        assertNull(end.check(now + InputEnd.QUIET_END_NANOS - 1 - 2 * SECOND));
        RunOutcome outcome = end.check(now - 2 * SECOND + InputEnd.QUIET_END_NANOS);
        assertEquals(RunOutcome.Kind.INPUT_ENDED, outcome.kind());
        assertEquals(3, outcome.exitStatus());
    }

    @Test
    void deliveredInputRestartsTheQuietTime() {
        guestPrints("no prompt here");
        end.check(0);
        end.delivered(100 * SECOND);
        assertNull(end.check(100 * SECOND + InputEnd.QUIET_END_NANOS - 1));
        assertEquals(RunOutcome.Kind.INPUT_ENDED, end.check(100 * SECOND + InputEnd.QUIET_END_NANOS).kind());
    }

    @Test
    void aReplayTypesNothing() {
        InputEnd replay = new InputEnd(tail, null);
        guestPrints("# ");
        replay.check(0);
        assertNull(replay.check(5 * SECOND), "the recorded Ctrl-D comes from the log");
    }
}
