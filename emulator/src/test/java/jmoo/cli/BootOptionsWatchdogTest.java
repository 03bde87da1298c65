package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The boot verb's --watchdog SECONDS: virtual seconds, fractions allowed, off by default and with 0. */
class BootOptionsWatchdogTest {
    @Test
    void secondsOfVirtualTimeBecomeNanosecondsAndTheWatchdogIsOffByDefault() throws Exception {
        assertEquals(0, BootOptions.parse(new String[] {}).watchdogNanos());
        assertEquals(30_000_000_000L, BootOptions.parse(new String[] {"--watchdog", "30"}).watchdogNanos());
        BootOptions o = BootOptions.parse(new String[] {"--watchdog=0.25", "quiet"});
        assertEquals(250_000_000L, o.watchdogNanos());
        assertEquals("console=ttyS0 quiet", o.kernelCommandLine());
        assertEquals(0, BootOptions.parse(new String[] {"--watchdog", "0"}).watchdogNanos());
    }

    @Test
    void aBadLimitIsAOneLineError() {
        for (String bad : new String[] {"-1", "soon", "1e30", "0.0000000001"}) {
            assertEquals("--watchdog: expected seconds of virtual time (e.g. 30 or 0.5; 0 = off), got " + bad,
                    assertThrows(UserError.class, () -> BootOptions.parse(new String[] {"--watchdog", bad})).getMessage());
        }
    }
}
