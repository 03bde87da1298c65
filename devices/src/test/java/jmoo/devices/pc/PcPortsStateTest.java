package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jmoo.devices.StateRoundTrip;
import org.junit.jupiter.api.Test;

/** Save and restore of the small PC ports: port 0x61 (with the PIT gate it drives) and the POST code port. */
class PcPortsStateTest {
    private long nanos;

    @Test
    void port61KeepsItsWrittenBitsAcrossARestore() throws Exception {
        I8254 pit = new I8254(() -> nanos, new RecordingIrqLine());
        SystemControlPortB port = new SystemControlPortB(pit, () -> nanos);
        port.out(0x61, 1, 0x03);
        I8254 otherPit = new I8254(() -> nanos, new RecordingIrqLine());
        SystemControlPortB copy = new SystemControlPortB(otherPit, () -> nanos);
        StateRoundTrip.copy(pit, otherPit);
        StateRoundTrip.copy(port, copy);
        assertEquals(port.in(0x61, 1), copy.in(0x61, 1));
        assertEquals(0x03, copy.in(0x61, 1) & 0x0F);
    }

    @Test
    void thePostCodePortKeepsTheLastCode() throws Exception {
        PostCodePort port = new PostCodePort();
        port.out(0x80, 1, 0x1AB);
        PostCodePort copy = new PostCodePort();
        StateRoundTrip.copy(port, copy);
        assertEquals(0xAB, copy.lastCode());
    }
}
