package jmoo.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.cli.JmooProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the watchdog must not call a hang, on the shipped guest with {@code --watchdog 1}: the
 * boot, a shell loop that keeps the CPU busy in user mode printing nothing for longer than the
 * limit, and an idle shell ({@code sleep 3}). /proc/uptime (virtual time) shows both lasted more
 * than the limit; the guest powers off normally.
 */
@Tag("slow")
@Timeout(300)
class WatchdogGuestSlowTest {
    private static final Pattern UPTIME = Pattern.compile("(?m)^([0-9]+\\.[0-9]+) [0-9]+\\.[0-9]+\\r?$");

    @TempDir
    Path dir;

    @Test
    void aBusyUserLoopAndAnIdleShellLongerThanTheLimitDoNotTripIt() throws Exception {
        ShippedGuest.assumeImages();
        JmooProcess.Result run = JmooProcess.run(Map.of("JMOO_CRASH_DIR", dir.toString()),
                "cat /proc/uptime; i=0; while [ $i -lt 8000 ]; do i=$((i+1)); done; cat /proc/uptime\n"
                        + "sleep 3; cat /proc/uptime\npoweroff -f\n", "--watchdog", "1");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("jmoo: the guest powered off"), run.err());
        List<Double> uptimes = new ArrayList<>();
        Matcher m = UPTIME.matcher(run.out());
        while (m.find()) {
            uptimes.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(3, uptimes.size(), run.out());
        assertTrue(uptimes.get(1) - uptimes.get(0) > 1.1, "the busy loop outlasted the limit: " + uptimes);
        assertTrue(uptimes.get(2) - uptimes.get(1) > 2.9, "the idle shell outlasted the limit: " + uptimes);
    }
}
