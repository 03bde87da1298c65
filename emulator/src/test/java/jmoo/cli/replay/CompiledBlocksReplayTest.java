package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.cli.JmooProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped guest runs identically with and without compiled blocks, on the real machine
 * (devices read the instruction count as virtual time): a recording made with the default
 * settings replays to the same state hash mid-way and to the same crash with blocks off and with
 * every block compiled at once. (This caught port I/O inside blocks seeing a stale count.)
 */
@Timeout(300)
class CompiledBlocksReplayTest {
    private static final Pattern HASH = Pattern.compile("stopped at instruction ([0-9]+) \\(--until\\), state hash ([0-9a-f]{64})");
    private static final Pattern REPRODUCED = Pattern.compile("replay: reproduced exactly: .* at instruction ([0-9]+)");

    @TempDir
    Path dir;

    @Test
    void aRecordingReplaysTheSameWithBlocksOffAndWithEveryBlockCompiled() throws Exception {
        ShippedGuest.assumeImages();
        Path rec = dir.resolve("rec");
        JmooProcess.Result live = JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()),
                "echo blocks-$((6*7)); ls -lR /etc > /dev/null\necho c > /proc/sysrq-trigger\n", "--record", rec.toString());
        assertEquals(1, live.status(), live.err());
        assertTrue(live.out().contains("blocks-42"), live.out());

        String off = replay("-Djmoo.jit=off", rec, "--until", "20000000");
        String eager = replay("-Djmoo.jit.threshold=1", rec, "--until", "20000000");
        Matcher a = HASH.matcher(off);
        Matcher b = HASH.matcher(eager);
        assertTrue(a.find(), off);
        assertTrue(b.find(), eager);
        assertEquals(a.group(2), b.group(2), "state hash at 20 M instructions");

        Matcher crashOff = REPRODUCED.matcher(replay("-Djmoo.jit=off", rec));
        Matcher crashEager = REPRODUCED.matcher(replay("-Djmoo.jit.threshold=1", rec));
        assertTrue(crashOff.find() && crashEager.find(), "both replays reproduce the crash");
        assertEquals(crashOff.group(1), crashEager.group(1), "the crash's instruction count");
    }

    private static String replay(String jvmOption, Path rec, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", rec.toString()));
        args.addAll(List.of(more));
        JmooProcess.Result r = JmooProcess.runWithJvmOptions(List.of(jvmOption), Map.of(), "", args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err() + r.out());
        return r.out() + r.err();
    }
}
