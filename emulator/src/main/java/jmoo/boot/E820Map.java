package jmoo.boot;

import java.util.ArrayList;
import java.util.List;
import jmoo.devices.PcLayout;

/** The physical memory map handed to Linux: what is RAM and what is reserved. */
public final class E820Map {
    public static final int TYPE_RAM = 1;
    public static final int TYPE_RESERVED = 2;

    /** One range: {@code [address, address + size)} of {@code type}. */
    public record Entry(long address, long size, int type) {
    }

    private E820Map() {
    }

    /**
     * The jmoo PC: conventional RAM below the EBDA, the EBDA and the BIOS ROM area reserved,
     * then RAM from 1 MiB to the top of {@code ramSize}.
     */
    public static List<Entry> forRam(long ramSize) {
        List<Entry> map = new ArrayList<>();
        map.add(new Entry(0, PcLayout.LOW_RAM_END, TYPE_RAM));
        map.add(new Entry(PcLayout.LOW_RAM_END, PcLayout.EBDA_END - PcLayout.LOW_RAM_END, TYPE_RESERVED));
        map.add(new Entry(PcLayout.BIOS_ROM_START, PcLayout.HIGH_RAM_START - PcLayout.BIOS_ROM_START, TYPE_RESERVED));
        if (ramSize > PcLayout.HIGH_RAM_START) {
            map.add(new Entry(PcLayout.HIGH_RAM_START, ramSize - PcLayout.HIGH_RAM_START, TYPE_RAM));
        }
        return map;
    }
}
