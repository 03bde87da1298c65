package jmoo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MonitorTest {
    private final StringBuilder calls = new StringBuilder();
    private boolean stopped;
    private final Monitor monitor = new Monitor(new MonitorTarget() {
        @Override
        public String registers() {
            return "EAX=1";
        }

        @Override
        public String memoryMappings() {
            return "c0000000-c1000000 -> 00000000-01000000 -rw";
        }

        @Override
        public void stop() {
            stopped = true;
            calls.append("stop ");
        }

        @Override
        public void cont() {
            stopped = false;
            calls.append("cont ");
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public void quit() {
            calls.append("quit ");
        }
    });

    @Test
    void commandsReachTheMachine() {
        assertEquals("EAX=1", monitor.execute("info   regs"));
        assertTrue(monitor.execute("info mem").startsWith("c0000000"));
        assertEquals("guest stopped", monitor.execute("stop"));
        assertTrue(stopped);
        assertEquals("guest running", monitor.execute(" cont "));
        monitor.execute("quit");
        assertEquals("stop cont quit ", calls.toString());
    }

    @Test
    void helpListsEveryCommandAndUnknownOnesAreNamed() {
        String help = monitor.execute("help");
        for (String c : Monitor.COMMANDS) {
            assertTrue(help.contains(c), c);
        }
        assertEquals("unknown command: 'frobnicate' (try help)", monitor.execute("frobnicate"));
        assertEquals("", monitor.execute("   "));
    }
}
