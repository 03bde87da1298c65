package jmoo.devices;

/**
 * Every fixed address, port and IRQ number of the jmoo PC in one place. Device models and the
 * machine assembly refer to these names, never to the numbers.
 */
public final class PcLayout {
    private PcLayout() {
    }

    // --- I/O ports -------------------------------------------------------------------------
    public static final int PIC_MASTER_PORT = 0x20;
    public static final int PIC_SLAVE_PORT = 0xA0;
    public static final int PIT_PORT = 0x40;          // 0x40-0x42 counters, 0x43 control word
    public static final int PIT_PORT_COUNT = 4;
    public static final int I8042_DATA_PORT = 0x60;
    public static final int SYSTEM_CONTROL_B_PORT = 0x61; // PIT channel 2 gate, speaker, OUT2
    public static final int I8042_COMMAND_PORT = 0x64;
    public static final int RTC_INDEX_PORT = 0x70;
    public static final int RTC_DATA_PORT = 0x71;
    public static final int POST_CODE_PORT = 0x80;
    public static final int COM1_PORT = 0x3F8;
    public static final int UART_PORT_COUNT = 8;

    // --- IRQ lines (inputs of the cascaded 8259 pair: 0-7 master, 8-15 slave) ----------------
    public static final int PIT_IRQ = 0;
    public static final int KEYBOARD_IRQ = 1;
    public static final int CASCADE_IRQ = 2;
    public static final int COM1_IRQ = 4;
    public static final int RTC_IRQ = 8;
    public static final int MOUSE_IRQ = 12;

    // --- Clocks --------------------------------------------------------------------------
    /** The 8254's input clock, Hz (the historic 14.31818 MHz / 12). */
    public static final long PIT_HZ = 1_193_182;
    /** The UART's input clock, Hz (divisor 1 = 115200 baud). */
    public static final long UART_CLOCK_HZ = 1_843_200;

    // --- Physical memory map (the e820 map the loader hands to Linux) ---------------------
    /** End of conventional RAM: the 1 KiB below 640 KiB is the reserved EBDA. */
    public static final int LOW_RAM_END = 0x9FC00;
    public static final int EBDA_END = 0xA0000;
    public static final int BIOS_ROM_START = 0xF0000;
    public static final int HIGH_RAM_START = 0x100000;

    // --- Where the Linux loader puts things -------------------------------------------------
    /** The zero page (struct boot_params). */
    public static final int ZERO_PAGE = 0x7000;
    /** The kernel command line. */
    public static final int CMDLINE = 0x20000;
    /** Longest command line we copy (bytes, without the NUL). */
    public static final int CMDLINE_MAX = 0x7FF;
    /** Where a bzImage's protected-mode part is loaded. */
    public static final int KERNEL_LOAD = 0x100000;
}
