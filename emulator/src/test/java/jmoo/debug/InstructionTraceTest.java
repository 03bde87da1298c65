package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InstructionTraceTest {
    /** inc eax; inc eax; mov [0x2000],eax; jmp back. */
    private static ToyX86Target loop() {
        return new ToyX86Target(0x1000, 0x40, 0x40, 0xA3, 0x00, 0x20, 0, 0, 0xEB, -9);
    }

    @Test
    void tracesExactlyTheWindowWithRegistersBeforeEachInstruction() throws Exception {
        ToyX86Target t = loop();
        StringBuilder out = new StringBuilder();
        assertEquals(3, InstructionTrace.write(t, 5, 8, out, a -> a == 0x1007 ? "back" : null));
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length);
        assertEquals("5 00001001 eax=00000003 ecx=00000000 edx=00000000 ebx=00000000 esp=00000000 ebp=00000000"
                + " esi=00000000 edi=00000000 efl=00000002", lines[0]);
        assertEquals("6 00001002 eax=00000004", lines[1].substring(0, 23));
        assertEquals("7 00001007 back eax=00000004", lines[2].substring(0, 28));
        assertEquals(8, t.instructionCount());
    }

    @Test
    void aStopInsideTheWindowEndsTheTraceWithANote() throws Exception {
        ToyX86Target t = new ToyX86Target(0x1000, 0x90, 0x90, 0xF4);
        StringBuilder out = new StringBuilder();
        assertEquals(2, InstructionTrace.write(t, 1, 10, out, null));
        assertEquals("# the machine stopped (HALTED) at instruction 3", out.toString().split("\n")[2]);
        assertThrows(IllegalArgumentException.class, () -> InstructionTrace.write(t, 0, 1, out, null));
    }
}
