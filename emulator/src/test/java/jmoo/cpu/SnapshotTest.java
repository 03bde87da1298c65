package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A CPU restored from a snapshot continues exactly like the original. */
class SnapshotTest {
    private static final String PROGRAM = "mov $1000, %ecx\n xor %eax, %eax\n 1: add %ecx, %eax\n"
            + "rol $3, %eax\n push %eax\n pop %ebx\n loop 1b\n hlt";

    @Test
    void restoredCpuContinuesIdentically() throws IOException {
        TestMachine a = new TestMachine().load(PROGRAM);
        a.cpu.run(1234);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        a.cpu.saveState(new DataOutputStream(buf));

        TestMachine b = new TestMachine();
        System.arraycopy(a.mem.array(), 0, b.mem.array(), 0, a.mem.size());
        b.cpu.restoreState(new DataInputStream(new ByteArrayInputStream(buf.toByteArray())));
        assertEquals(a.cpu.eip(), b.cpu.eip());
        assertEquals(a.cpu.instructionCount(), b.cpu.instructionCount());

        a.runToHalt();
        b.runToHalt();
        for (int r = 0; r < 8; r++) {
            assertEquals(a.reg(r), b.reg(r), "register " + r);
        }
        assertEquals(a.flags(), b.flags());
        assertEquals(a.cpu.instructionCount(), b.cpu.instructionCount());
        ByteArrayOutputStream sa = new ByteArrayOutputStream(), sb = new ByteArrayOutputStream();
        a.cpu.saveState(new DataOutputStream(sa));
        b.cpu.saveState(new DataOutputStream(sb));
        assertArrayEquals(sa.toByteArray(), sb.toByteArray());
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        TestMachine m = new TestMachine();
        IOException e = assertThrows(IOException.class,
                () -> m.cpu.restoreState(new DataInputStream(new ByteArrayInputStream(new byte[64]))));
        assertEquals(true, e.getMessage().contains("expected magic"), e.getMessage());
    }
}
