package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktraceTest {
    @TempDir
    Path dir;

    /** A stack page at 0xc2000000 in a fake linear memory; everything else unmapped. */
    private final byte[] stack = new byte[4096];
    private static final int STACK = 0xc2000000;

    private void put(int address, int value) {
        int i = address - STACK;
        for (int b = 0; b < 4; b++) {
            stack[i + b] = (byte) (value >>> (8 * b));
        }
    }

    private int read(int address, byte[] buf, int off, int len) {
        long i = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(STACK);
        int n = (int) Math.max(0, Math.min(len, stack.length - i));
        if (i < 0 || n == 0) {
            return 0;
        }
        System.arraycopy(stack, (int) i, buf, off, n);
        return n;
    }

    @Test
    void walksTheFramePointerChainAndScansTheStackForTextAddresses() throws Exception {
        SystemMap map = SystemMap.read(SystemMapTest.write(dir, SystemMapTest.MAP));
        int esp = STACK + 0x100;
        put(esp, 0x12345678);
        put(esp + 4, 0xc1000110);                      // stale return address: scan only
        put(STACK + 0x200, STACK + 0x300);             // frame 1: saved EBP
        put(STACK + 0x204, 0xc1000190);                // frame 1: return into panic
        put(STACK + 0x300, 0);                         // frame 2: end of chain
        put(STACK + 0x304, 0xc1000210);                // frame 2: return into weak_fn
        List<String> lines = Backtrace.of(this::read, 0xc1000184, esp, STACK + 0x200, map, 16, 0x90);
        assertEquals(List.of(
                "EIP: 0xc1000184 panic+0x4/0x80",
                "frame-pointer walk:",
                "  0xc1000190 panic+0x10/0x80",
                "  0xc1000210 weak_fn+0x10/0x100",
                "stack scan from ESP 0xc2000100 ('?' = guessed from stack contents):",
                "  [0xc2000104] ? 0xc1000110 do_one_initcall+0x10/0x80",
                "  [0xc2000204] ? 0xc1000190 panic+0x10/0x80",
                "  [0xc2000304] ? 0xc1000210 weak_fn+0x10/0x100"), lines);
    }

    @Test
    void withoutSymbolsTheWalkFollowsTheChainUntilItStopsGrowingUpward() {
        put(STACK + 0x10, STACK + 0x20);
        put(STACK + 0x14, 0xc0001111);
        put(STACK + 0x20, STACK + 0x08);               // points downward: corrupt, stop after it
        put(STACK + 0x24, 0xc0002222);
        List<String> lines = Backtrace.of(this::read, 0x1000, STACK, STACK + 0x10, null, 16, 64);
        assertEquals(List.of("EIP: 0x00001000", "frame-pointer walk:", "  0xc0001111", "  0xc0002222"), lines);
    }
}
