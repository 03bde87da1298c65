package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionRingTest {
    @Test
    void keepsTheLastEntriesOldestFirst() {
        InstructionRing ring = new InstructionRing(3);
        assertEquals(List.of(), ring.entries());
        ring.record(1, 0x100);
        ring.record(2, 0x101);
        assertEquals(List.of(new InstructionRing.Entry(1, 0x100), new InstructionRing.Entry(2, 0x101)), ring.entries());
        for (int i = 3; i <= 7; i++) {
            ring.record(i, 0x100 + i);
        }
        assertEquals(List.of(new InstructionRing.Entry(5, 0x105), new InstructionRing.Entry(6, 0x106),
                new InstructionRing.Entry(7, 0x107)), ring.entries());
    }
}
