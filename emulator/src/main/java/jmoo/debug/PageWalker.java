package jmoo.debug;

import jmoo.devices.PhysicalMemory;

/**
 * Translates linear to physical addresses the way the debugger needs it: by reading the guest's
 * page tables (two-level 4 KiB paging, 4 MiB pages when CR4.PSE and the PDE's PS bit are set)
 * without touching the CPU's TLB or the accessed/dirty bits. Paging off: linear = physical.
 */
final class PageWalker {
    /** The answer for a linear address with no present mapping, or a physical address outside RAM. */
    static final long UNMAPPED = -1;

    private static final int CR0_PG = 1 << 31;
    private static final int CR4_PSE = 1 << 4;
    private static final int PRESENT = 1;
    private static final int PAGE_SIZE_BIT = 1 << 7;

    private PageWalker() {
    }

    /** The physical address of {@code linear}, or {@link #UNMAPPED}. */
    static long physical(PhysicalMemory memory, int cr0, int cr3, int cr4, int linear) {
        long phys;
        if ((cr0 & CR0_PG) == 0) {
            phys = Integer.toUnsignedLong(linear);
        } else {
            int pde = memory.read32((cr3 & 0xFFFFF000) + (linear >>> 22) * 4);
            if ((pde & PRESENT) == 0) {
                return UNMAPPED;
            }
            if ((cr4 & CR4_PSE) != 0 && (pde & PAGE_SIZE_BIT) != 0) {
                phys = Integer.toUnsignedLong((pde & 0xFFC00000) | (linear & 0x3FFFFF));
            } else {
                int pte = memory.read32((pde & 0xFFFFF000) + ((linear >>> 12) & 0x3FF) * 4);
                if ((pte & PRESENT) == 0) {
                    return UNMAPPED;
                }
                phys = Integer.toUnsignedLong((pte & 0xFFFFF000) | (linear & 0xFFF));
            }
        }
        return memory.contains(phys, 1) ? phys : UNMAPPED;
    }
}
