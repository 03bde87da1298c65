package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    private long retired;
    private final VirtualTime time = new VirtualTime(() -> retired, 7);

    @Test
    void timeIsInstructionsTimesPeriodPlusSkips() {
        retired = 100;
        assertEquals(700, time.nanos());
        time.skipTo(1000);
        assertEquals(1000, time.nanos());
        retired = 110;
        assertEquals(1070, time.nanos());
        time.skipTo(500); // in the past: ignored
        assertEquals(1070, time.nanos());
    }

    @Test
    void instructionsUntilADeadlineRoundUp() {
        retired = 10;
        assertEquals(0, time.instructionsUntil(70));
        assertEquals(1, time.instructionsUntil(71));
        assertEquals(2, time.instructionsUntil(84));
        retired += time.instructionsUntil(84);
        assertEquals(84, time.nanos());
        assertTrue(time.instructionsUntil(Long.MAX_VALUE) > Long.MAX_VALUE / 8, "no overflow far away");
    }
}
