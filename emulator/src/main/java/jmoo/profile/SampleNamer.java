package jmoo.profile;

import jmoo.replay.SystemMap;

/**
 * Names the place a sample was taken: the kernel function containing the EIP (from System.map),
 * or a bracketed bucket for places without a kernel symbol: user space, code running with paging
 * off outside the kernel image (the bzImage's decompressor), kernel addresses with no symbol.
 */
public final class SampleNamer {
    public static final String USER = "[user space]";
    public static final String PAGING_OFF = "[paging off: bzImage decompressor]";
    public static final String NO_SYMBOL = "[kernel, no symbol]";
    public static final String NO_MAP = "[kernel, no System.map]";
    /** The i386 kernel's PAGE_OFFSET (3G/1G split): kernel virtual = physical + this. */
    static final long PAGE_OFFSET = 0xC000_0000L;
    private static final String PAGING_OFF_SUFFIX = " (paging off)";

    private final SystemMap map;
    private final long textStart;
    private final long textEnd;
    private final long initTextStart;
    private final long initTextEnd;

    /** @param map the kernel's symbols, or null (every kernel sample is then {@link #NO_MAP}) */
    public SampleNamer(SystemMap map) {
        this.map = map;
        this.textStart = map == null ? 0 : map.addressOf("_text", -1);
        this.textEnd = map == null ? 0 : map.addressOf("_etext", -1);
        this.initTextStart = map == null ? 0 : map.addressOf("_sinittext", -1);
        this.initTextEnd = map == null ? 0 : map.addressOf("_einittext", -1);
    }

    /**
     * @param linearEip CS base + EIP
     * @param cpl the privilege level the CPU ran at
     * @param pagingOn CR0.PG
     */
    public String name(int linearEip, int cpl, boolean pagingOn) {
        if (cpl == 3) {
            return USER;
        }
        long eip = Integer.toUnsignedLong(linearEip);
        if (!pagingOn) {
            // The kernel's entry code runs at physical addresses until it turns paging on; the
            // decompressor runs (relocated) above the kernel's text, e.g. over its bss and brk.
            long virtual = eip + PAGE_OFFSET;
            if (map != null && virtual >= textStart && virtual < textEnd) {
                SystemMap.Location l = map.lookup(virtual);
                if (l != null && l.symbol().isText()) {
                    return l.symbol().name() + PAGING_OFF_SUFFIX;
                }
            }
            return PAGING_OFF;
        }
        return map == null ? NO_MAP : kernelSymbol(eip);
    }

    private String kernelSymbol(long address) {
        SystemMap.Location l = map.lookup(address);
        return l == null ? NO_SYMBOL : l.symbol().name();
    }

    /**
     * The kernel function containing {@code address}, or null when it is not in the kernel's
     * text or init text (where boot-time functions such as start_kernel live).
     */
    String textSymbol(long address) {
        boolean text = address >= textStart && address < textEnd;
        boolean initText = address >= initTextStart && address < initTextEnd;
        if (map == null || !(text || initText)) {
            return null;
        }
        SystemMap.Location l = map.lookup(address);
        return l != null && l.symbol().isText() ? l.symbol().name() : null;
    }

    boolean hasMap() {
        return map != null;
    }
}
