package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMapTest {
    @TempDir
    Path dir;

    static Path write(Path dir, String text) throws IOException {
        Path map = dir.resolve("System.map");
        Files.writeString(map, text);
        return map;
    }

    static final String MAP = String.join("\n",
            "00000000 A VDSO32_PRELINK",
            "         w __gmon_start__",
            "         U undefined_thing",
            "c1000000 T _text",
            "c1000000 T startup_32",
            "c1000100 T _stext",
            "c1000100 t do_one_initcall",
            "c1000180 T panic",
            "c1000200 W weak_fn",
            "c1000300 T _etext",
            "c1400000 D init_data",
            "c1400040 d local_data",
            "c1400080 B _end",
            "");

    @Test
    void looksUpSymbolPlusOffsetOverSize() throws IOException {
        SystemMap map = SystemMap.read(write(dir, MAP));
        assertEquals(10, map.size(), "absolute and undefined symbols are left out");
        assertEquals("panic+0x0/0x80", map.lookup(0xc1000180L).toString());
        assertEquals("panic+0x1a/0x80", map.lookup(0xc100019aL).toString());
        assertEquals("do_one_initcall+0x7f/0x80", map.lookup(0xc100017fL).toString());
        assertEquals("startup_32+0x10/0x100", map.lookup(0xc1000010L).toString(), "last of several at one address");
        assertEquals("local_data+0x3f/0x40", map.lookup(0xc140007fL).toString());
        assertEquals("_end+0x0", map.lookup(0xc1400080L).toString());
        assertNull(map.lookup(0xc1400081L), "past the last symbol");
        assertNull(map.lookup(0xbfffffffL), "below the first symbol");
        assertEquals("0xc1000184 panic+0x4/0x80", map.describe(0xc1000184L));
        assertEquals("0x00001000", map.describe(0x1000));
    }

    @Test
    void kernelTextIsTextSymbolsBetweenStextAndEtext() throws IOException {
        SystemMap map = SystemMap.read(write(dir, MAP));
        assertTrue(map.isKernelText(0xc1000104L));
        assertTrue(map.isKernelText(0xc1000250L), "weak text symbol");
        assertFalse(map.isKernelText(0xc1000050L), "before _stext");
        assertFalse(map.isKernelText(0xc1000300L), "_etext is the end");
        assertFalse(map.isKernelText(0xc1400010L), "data");
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() throws IOException {
        Path map = write(dir, "c1000000 T _text\nc1000010 startup_32\n");
        SystemMapException e = assertThrows(SystemMapException.class, () -> SystemMap.read(map));
        assertEquals(map + ":2: expected \"ADDRESS TYPE NAME\", got \"c1000010 startup_32\"", e.getMessage());
        Path bad = write(dir, "zzzz T _text\n");
        assertTrue(assertThrows(SystemMapException.class, () -> SystemMap.read(bad)).getMessage()
                .startsWith(bad + ":1: expected a hex address"));
    }
}
