package jmoo.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.devices.PhysicalMemory;
import jmoo.replay.SystemMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming samples and scanning kernel stacks against a small System.map. */
class SampleNamerTest {
    @TempDir
    Path dir;

    private SystemMap map() throws Exception {
        Path file = dir.resolve("System.map");
        Files.writeString(file, String.join("\n",
                "c1000000 T _text",
                "c1000000 T startup_32",
                "c1000100 T _stext",
                "c1000100 T start_kernel",
                "c1000200 t helper",
                "c1000300 T _etext",
                "c1000400 D some_data",
                "c1001000 T _sinittext",
                "c1001000 T do_initcalls",
                "c1001100 T _einittext",
                "c1002000 B __brk_pagetables",
                "c1004000 B _end", ""));
        return SystemMap.read(file);
    }

    @Test
    void namesKernelFunctionsUserSpaceAndCodeWithPagingOff() throws Exception {
        SampleNamer n = new SampleNamer(map());
        assertEquals("start_kernel", n.name(0xc1000104, 0, true));
        assertEquals("helper", n.name(0xc10002ff, 0, true));
        assertEquals(SampleNamer.USER, n.name(0xc1000104, 3, true));
        assertEquals(SampleNamer.USER, n.name(0x08048000, 3, true));
        // paging off: kernel text at its physical address, anything else is the decompressor
        assertEquals("startup_32 (paging off)", n.name(0x01000010, 0, false));
        assertEquals(SampleNamer.PAGING_OFF, n.name(0x01002010, 0, false));
        assertEquals(SampleNamer.PAGING_OFF, n.name(0x00100000, 0, false));
        assertEquals(SampleNamer.NO_SYMBOL, n.name(0x00001000, 0, true));
        assertEquals(SampleNamer.NO_MAP, new SampleNamer(null).name(0xc1000104, 0, true));
    }

    @Test
    void textSymbolIsOnlyForKernelText() throws Exception {
        SampleNamer n = new SampleNamer(map());
        assertEquals("helper", n.textSymbol(0xc1000210L));
        assertNull(n.textSymbol(0xc1000400L));
        assertEquals("do_initcalls", n.textSymbol(0xc1001010L));
        assertNull(n.textSymbol(0xc1001100L));
        assertNull(n.textSymbol(0x08048000L));
        assertNull(new SampleNamer(null).textSymbol(0xc1000210L));
    }

    @Test
    void stackScanFindsTextAddressesFromEspToTheTopOfTheEightKibStack() throws Exception {
        PhysicalMemory ram = new PhysicalMemory(1 << 20);
        int stackBase = 0x4000; // physical; the 8 KiB stack is 0x4000..0x6000
        ram.write32(stackBase + 0x100, 0xc1000210);      // below ESP: not scanned
        ram.write32(stackBase + 0x200, 0xc1000104);      // start_kernel
        ram.write32(stackBase + 0x204, 0xc1000400);      // data: ignored
        ram.write32(stackBase + 0x1ffc, 0xc1000210);     // helper, last word of the stack
        ram.write32(stackBase + 0x2000, 0xc1000010);     // next stack: not scanned
        KernelStackScan scan = new KernelStackScan(ram, new SampleNamer(map()));
        int esp = (int) (SampleNamer.PAGE_OFFSET + stackBase + 0x180);
        assertEquals(java.util.List.of("start_kernel", "helper"), java.util.List.copyOf(scan.callers(esp)));
    }
}
