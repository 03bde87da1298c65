package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jmoo.machine.GuestAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./jmoo` as a script uses it: a separate JVM whose stdin is a pipe, so bytes pass straight
 * through to the guest's serial port; exit status and output are checked.
 */
@Timeout(180)
class BootVerbPipeTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private Result jmoo(String stdin, String... args) throws Exception {
        JmooProcess.Result r = JmooProcess.run(java.util.Map.of("JMOO_CRASH_DIR", dir.toString()), stdin, args);
        return new Result(r.status(), r.out(), r.err());
    }

    @Test
    void pipedInputReachesTheGuestAndPowerOffExitsZero() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("uname -a\n#", "--kernel", guest.toString(), "mem=16M");
        assertEquals("ready\nuname -a\nreboot: Power down\n", r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void aGuestQuietAfterTheEndOfInputGetsCtrlDAtItsPromptThenEndsTheRunWithStatus3() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path recording = dir.resolve("rec");
        Result r = jmoo("ab\033[6n", "--kernel", guest.toString(), "--record", recording.toString());
        assertEquals("ready\nab\033[6n\004", r.out(), "the prompt-like ESC [ 6 n is answered by one Ctrl-D");
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().contains("the input ended and the guest stayed quiet for 120 s"), r.err());
        Result replay = jmoo("", "replay", recording.toString());
        assertEquals(0, replay.status(), replay.err());
        assertTrue(replay.out().contains("replay: reproduced exactly"), "the Ctrl-D was recorded: " + replay.out());
    }

    @Test
    void aResetEndsTheRunWithNoReboot() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("x!", "--kernel", guest.toString(), "--no-reboot");
        assertEquals("ready\nxbye\n", r.out());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("reset"), r.err());
    }

    @Test
    void aCrashExitsNonZeroWithARegisterReport() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("$", "--kernel", guest.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("guest crash: the CPU halted with interrupts disabled"), r.err());
        assertTrue(r.err().contains("EIP="), r.err());
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        Result missing = jmoo("", "--kernel", dir.resolve("nope").toString());
        assertEquals(2, missing.status());
        assertEquals("jmoo: kernel " + dir.resolve("nope") + ": no such file\n", missing.err());
        Result badMem = jmoo("", "--kernel", dir.resolve("nope").toString(), "mem=lots");
        assertEquals(2, badMem.status());
        assertTrue(badMem.err().startsWith("jmoo: mem=lots: not a size"), badMem.err());
        Path junk = dir.resolve("junk");
        java.nio.file.Files.writeString(junk, "not a kernel at all");
        Result neither = jmoo("", "--kernel", junk.toString());
        assertEquals(2, neither.status());
        assertTrue(neither.err().contains("expected a bzImage") && !neither.err().contains("\tat "), neither.err());
    }
}
