package jmoo.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemorySizeTest {
    @Test
    void umlSyntax() {
        assertEquals(64L << 20, MemorySize.parse("64M"));
        assertEquals(1L << 30, MemorySize.parse("1g"));
        assertEquals(8L << 20, MemorySize.parse("8192K"));
        assertEquals(16L << 20, MemorySize.parse(Long.toString(16L << 20)));
        assertEquals((16L << 20) + 4096, MemorySize.parse(Long.toString((16L << 20) + 1)), "rounded up to a page");
    }

    @Test
    void nonsenseAndOutOfRangeSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse(""));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("1M"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("4G"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("-5M"));
    }
}
