package jmoo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jline.terminal.Attributes;
import org.junit.jupiter.api.Test;

/**
 * The terminal mode the monitor keeps between its prompts. It used to be the user's cooked
 * mode, where keys typed while the monitor printed its answer were echoed by the tty and a
 * Ctrl-D (leave the monitor) turned into a NUL at the next prompt's switch to raw mode (seen on
 * a pty: a second empty prompt instead of leaving). Without line editing and echo by the tty,
 * every key waits unchanged for the next prompt.
 */
class MonitorModeTest {
    private static Attributes cookedTerminal() {
        Attributes a = new Attributes();
        a.setLocalFlags(java.util.EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO,
                Attributes.LocalFlag.IEXTEN, Attributes.LocalFlag.ISIG, Attributes.LocalFlag.ECHOE));
        a.setInputFlags(java.util.EnumSet.of(Attributes.InputFlag.ICRNL, Attributes.InputFlag.IXON));
        a.setOutputFlags(java.util.EnumSet.of(Attributes.OutputFlag.OPOST, Attributes.OutputFlag.ONLCR));
        a.setControlChar(Attributes.ControlChar.VEOF, 4);
        a.setControlChar(Attributes.ControlChar.VMIN, 0);
        return a;
    }

    @Test
    void keysTypedBetweenPromptsAreNeitherEditedNorEchoedByTheTty() {
        Attributes user = cookedTerminal();
        Attributes mode = TerminalConsole.monitorMode(user);
        assertFalse(mode.getLocalFlag(Attributes.LocalFlag.ICANON), "no line editing: Ctrl-D stays a Ctrl-D");
        assertFalse(mode.getLocalFlag(Attributes.LocalFlag.ECHO), "no echo before the prompt shows the key");
        assertFalse(mode.getLocalFlag(Attributes.LocalFlag.IEXTEN));
        assertFalse(mode.getInputFlag(Attributes.InputFlag.ICRNL), "Enter arrives as jline's own raw mode has it");
        assertEquals(1, mode.getControlChar(Attributes.ControlChar.VMIN), "reads wait for a key");
        assertTrue(user.getLocalFlag(Attributes.LocalFlag.ICANON), "the user's mode is not changed (close() restores it)");
    }

    @Test
    void theMonitorStillPrintsAndTakesSignalsAsTheUsersTerminalDoes() {
        Attributes mode = TerminalConsole.monitorMode(cookedTerminal());
        assertTrue(mode.getOutputFlag(Attributes.OutputFlag.OPOST), "println ends lines with CR LF");
        assertTrue(mode.getOutputFlag(Attributes.OutputFlag.ONLCR));
        assertTrue(mode.getLocalFlag(Attributes.LocalFlag.ISIG), "Ctrl-C interrupts the monitor's prompt");
        assertTrue(mode.getInputFlag(Attributes.InputFlag.IXON));
    }
}
