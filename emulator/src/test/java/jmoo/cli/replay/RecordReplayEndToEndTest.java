package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import jmoo.cli.JmooProcess;
import jmoo.machine.GuestAssembler;
import jmoo.replay.CrashBundle;
import jmoo.replay.CrashBundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./jmoo --record, a crash, and ./jmoo replay, each in its own JVM as a user runs them: the
 * echo guest of the machine tests takes piped input (arriving whenever the pipe thread delivers
 * it), '$' makes it halt with interrupts off.
 */
@Timeout(300)
class RecordReplayEndToEndTest {
    @TempDir
    Path dir;

    private JmooProcess.Result jmoo(String stdin, String... args) throws Exception {
        return JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()), stdin, args);
    }

    @Test
    void aRecordedCrashReplaysExactlyAndATamperedInputIsCaught() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = jmoo("hello, world\n$", "--kernel", guest.toString(), "mem=16M", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        assertEquals("ready\nhello, world\n", live.out());
        assertTrue(live.err().contains("jmoo: recording in " + rec), live.err());
        CrashBundle bundle = CrashBundleReader.read(rec);
        assertEquals("the CPU halted with interrupts disabled", bundle.manifest().crash().reason());
        assertEquals("ready\nhello, world\n", new String(bundle.consoleLog(), StandardCharsets.UTF_8));
        assertTrue(bundle.backtrace().get(0).startsWith("EIP: 0x"), bundle.backtrace().toString());

        for (int i = 0; i < 2; i++) {
            JmooProcess.Result replay = jmoo("", "replay", rec.toString());
            assertEquals(0, replay.status(), replay.out() + replay.err());
            assertTrue(replay.out().startsWith("replay: reproduced exactly: \"the CPU halted with interrupts disabled\""
                    + " at instruction " + bundle.manifest().crash().instructionCount()), replay.out());
        }
        JmooProcess.Result until = jmoo("", "replay", rec.toString(), "--until", "1000");
        assertEquals("replay: stopped at instruction 1000 (--until)\n", until.out());

        Path log = rec.resolve(CrashBundle.INPUT_LOG);
        byte[] input = Files.readAllBytes(log);
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int w = text.lastIndexOf('w');
        assertTrue(w > 8, "the typed 'w' is in the log");
        input[w] = 'W';
        Files.write(log, input);
        JmooProcess.Result tampered = jmoo("", "replay", rec.toString());
        assertEquals(1, tampered.status(), tampered.out());
        assertTrue(tampered.err().contains("console output differs from byte " + "ready\nhello, ".length()), tampered.err());
    }

    @Test
    void aCrashWithoutRecordStillLeavesAReplayableBundle() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        JmooProcess.Result live = jmoo("ab$", "--kernel", guest.toString(), "mem=16M");
        assertEquals(1, live.status());
        Path bundle;
        try (Stream<Path> s = Files.list(dir)) {
            bundle = s.filter(p -> p.getFileName().toString().startsWith("jmoo-crash-")).findFirst().orElseThrow();
        }
        assertTrue(live.err().contains("jmoo: crash bundle in " + bundle), live.err());
        JmooProcess.Result replay = jmoo("", "replay", bundle.toString());
        assertEquals(0, replay.status(), replay.err());
        JmooProcess.Result info = jmoo("", "replay", bundle.toString(), "--info");
        assertTrue(info.out().contains("inputs:   3 console bytes"), info.out());
    }
}
