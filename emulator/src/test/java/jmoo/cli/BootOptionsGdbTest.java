package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The boot verb's --gdb options: a port, --gdb-wait, and one-line errors for bad ones. */
class BootOptionsGdbTest {
    @Test
    void gdbPortAndWaitAreRuntimeOptionsNotKernelArguments() throws Exception {
        BootOptions o = BootOptions.parse(new String[] {"--gdb", "1234", "--gdb-wait", "quiet"});
        assertEquals(1234, o.gdbPort());
        assertTrue(o.gdbWait());
        assertEquals("console=ttyS0 quiet", o.kernelCommandLine());
        assertEquals(0, BootOptions.parse(new String[] {"--gdb=0", "--gdb-wait"}).gdbPort());
        assertEquals(-1, BootOptions.parse(new String[] {}).gdbPort());
        BootOptions attachable = BootOptions.parse(new String[] {"--gdb", "1234"});
        assertEquals(1234, attachable.gdbPort());
        assertFalse(attachable.gdbWait(), "gdb may attach to the running guest later");
    }

    @Test
    void badGdbArgumentsAreUserErrors() {
        assertEquals("--gdb expects a TCP port (0-65535), got 70000",
                assertThrows(UserError.class, () -> BootOptions.parse(new String[] {"--gdb", "70000", "--gdb-wait"})).getMessage());
        assertEquals("--gdb-wait needs --gdb PORT",
                assertThrows(UserError.class, () -> BootOptions.parse(new String[] {"--gdb-wait"})).getMessage());
    }
}
