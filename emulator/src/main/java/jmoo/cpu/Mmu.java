package jmoo.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import jmoo.devices.PhysicalMemory;

/**
 * Linear-address memory access: two-level paging (plus 4 MiB pages when CR4.PSE is set), a
 * software TLB, and the decoded-code cache's write protection.
 *
 * <p>The TLB is direct mapped, {@value #TLB_SIZE} entries, with separate tag arrays for
 * supervisor read, supervisor write, user read and user write. A tag is the linear page number;
 * a hit gives {@code phys = linear + add[i]} with one compare. Only RAM pages are cached. Write
 * entries are never filled for a physical page that has decoded code, so a write to such a page
 * always takes the slow path, which drops the page's decoded instructions first.
 */
abstract class Mmu extends Arithmetic {
    static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static final int TLB_BITS = 12;
    static final int TLB_SIZE = 1 << TLB_BITS;
    static final int TLB_MASK = TLB_SIZE - 1;

    final PhysicalMemory memory;
    final byte[] ram;
    final int ramPages;

    private final int[] supRTag = new int[TLB_SIZE], supRAdd = new int[TLB_SIZE];
    private final int[] supWTag = new int[TLB_SIZE], supWAdd = new int[TLB_SIZE];
    private final int[] usrRTag = new int[TLB_SIZE], usrRAdd = new int[TLB_SIZE];
    private final int[] usrWTag = new int[TLB_SIZE], usrWAdd = new int[TLB_SIZE];
    /** The TLB arrays for the current privilege level. */
    int[] rTag = supRTag, rAdd = supRAdd, wTag = supWTag, wAdd = supWAdd;

    /** Decoded instructions per physical page, indexed by offset in the page; null = no code. */
    final Insn[][] codePages;
    /** The linear page, physical page and decoded-instruction array instructions are fetched from. */
    int fetchLinPage = -1;
    int fetchPhysPage;
    Insn[] fetchInsns;
    /**
     * Pages whose decoded code keeps being dropped by writes (code and data mixed in a page,
     * a guest JIT) are executed without caching for a while: each instruction is decoded
     * afresh, but writes to the page stay on the fast path. A run of THRASH_RUN invalidations,
     * each within THRASH_WINDOW instructions of the previous one, starts that; caching is tried
     * again after UNCACHED_SPAN instructions without invalidations.
     */
    static final long THRASH_WINDOW = 1_000_000, UNCACHED_SPAN = 10_000_000;
    static final int THRASH_RUN = 8;
    final long[] lastInvalidation;
    final byte[] invalidationRun;

    /** A debugger's data watchpoints: their pages get no TLB entries, their slow-path accesses are checked. */
    final DebugHooks debugHooks = new DebugHooks(this::flushTlb);

    /** Statistics: instructions decoded, and pages whose decoded code a write dropped. */
    long decodedInstructions;
    long codePageInvalidations;

    Mmu(PhysicalMemory memory) {
        this.memory = memory;
        this.ram = memory.array();
        this.ramPages = ram.length >>> 12;
        this.codePages = new Insn[ramPages][];
        this.lastInvalidation = new long[ramPages];
        this.invalidationRun = new byte[ramPages];
        flushTlb();
        memory.setWriteListener(this::invalidateCode);
    }

    // ---- TLB management ----

    final void flushTlb() {
        Arrays.fill(supRTag, -1);
        Arrays.fill(supWTag, -1);
        Arrays.fill(usrRTag, -1);
        Arrays.fill(usrWTag, -1);
        fetchLinPage = -1;
    }

    final void flushTlbPage(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        supRTag[i] = -1;
        supWTag[i] = -1;
        usrRTag[i] = -1;
        usrWTag[i] = -1;
        fetchLinPage = -1;
    }

    private void flushWriteTlb() {
        Arrays.fill(supWTag, -1);
        Arrays.fill(usrWTag, -1);
    }

    /** Selects the TLB arrays for the current CPL; call after every CPL change. */
    final void selectTlb() {
        boolean user = cpl == 3;
        rTag = user ? usrRTag : supRTag;
        rAdd = user ? usrRAdd : supRAdd;
        wTag = user ? usrWTag : supWTag;
        wAdd = user ? usrWAdd : supWAdd;
        fetchLinPage = -1;
    }

    // ---- decoded code cache ----

    /** Drops decoded code of the physical pages overlapping [address, address+length). */
    final void invalidateCode(int address, int length) {
        long end = (address & 0xFFFFFFFFL) + length;
        for (long p = (address & 0xFFFFFFFFL) >>> 12; p <= (end - 1) >>> 12 && p < ramPages; p++) {
            invalidateCodePage((int) p);
        }
    }

    final void invalidateCodePage(int page) {
        if (codePages[page] != null) {
            codePages[page] = null;
            codePageInvalidations++;
            long now = instructionCount;
            if (now - lastInvalidation[page] < THRASH_WINDOW) {
                if (invalidationRun[page] < Byte.MAX_VALUE) {
                    invalidationRun[page]++;
                }
            } else {
                invalidationRun[page] = 1;
            }
            lastInvalidation[page] = now;
            if (page == fetchPhysPage) {
                fetchLinPage = -1;
            }
        }
    }

    /** The decoded-instruction array of a RAM page, created (and write-protected) on first use. */
    final Insn[] codePage(int page) {
        Insn[] a = codePages[page];
        if (a == null) {
            a = new Insn[4096];
            codePages[page] = a;
            flushWriteTlb();
        }
        return a;
    }

    // ---- page walk ----

    /**
     * Translates a linear address, checking permissions and setting accessed/dirty bits;
     * raises #PF with CR2 and the exact error code. Fills the TLB for RAM pages.
     */
    final int translate(int lin, boolean write, boolean user) {
        int phys;
        boolean canWrite = true;
        if ((cr0 & CR0_PG) == 0) {
            phys = lin;
        } else {
            int pdeAddr = (cr3 & 0xFFFFF000) | ((lin >>> 22) << 2);
            int pde = memory.read32(pdeAddr);
            if ((pde & 1) == 0) {
                throw pageFault(lin, write, user, false);
            }
            if ((pde & 0x80) != 0 && (cr4 & 0x10) != 0) { // 4 MiB page
                checkPageAccess(lin, write, user, pde);
                int npde = pde | 0x20 | (write ? 0x40 : 0);
                if (npde != pde) {
                    memory.write32(pdeAddr, npde);
                }
                canWrite = (pde & 0x40) != 0 || write;
                canWrite &= pageWritable(user, pde);
                phys = (pde & 0xFFC00000) | (lin & 0x3FFFFF);
            } else {
                int pteAddr = (pde & 0xFFFFF000) | (((lin >>> 12) & 0x3FF) << 2);
                int pte = memory.read32(pteAddr);
                if ((pte & 1) == 0) {
                    throw pageFault(lin, write, user, false);
                }
                int combined = pde & pte | ~6;
                checkPageAccess(lin, write, user, combined);
                if ((pde & 0x20) == 0) {
                    memory.write32(pdeAddr, pde | 0x20);
                }
                int npte = pte | 0x20 | (write ? 0x40 : 0);
                if (npte != pte) {
                    memory.write32(pteAddr, npte);
                }
                canWrite = ((pte & 0x40) != 0 || write) && pageWritable(user, combined);
                phys = (pte & 0xFFFFF000) | (lin & 0xFFF);
            }
        }
        int page = phys >>> 12;
        if (Integer.compareUnsigned(page, ramPages) < 0 && !debugHooks.watchesPage(lin)) {
            int i = (lin >>> 12) & TLB_MASK;
            int add = (phys & 0xFFFFF000) - (lin & 0xFFFFF000);
            int[] rt = user ? usrRTag : supRTag, ra = user ? usrRAdd : supRAdd;
            rt[i] = lin >>> 12;
            ra[i] = add;
            if (write && canWrite) {
                if (codePages[page] != null) {
                    invalidateCodePage(page);
                }
                int[] wt = user ? usrWTag : supWTag, wa = user ? usrWAdd : supWAdd;
                wt[i] = lin >>> 12;
                wa[i] = add;
            }
        }
        return phys;
    }

    private boolean pageWritable(boolean user, int entry) {
        return (entry & 2) != 0 || (!user && (cr0 & CR0_WP) == 0);
    }

    private void checkPageAccess(int lin, boolean write, boolean user, int entry) {
        if (user && (entry & 4) == 0) {
            throw pageFault(lin, write, user, true);
        }
        if (write && !pageWritable(user, entry)) {
            throw pageFault(lin, write, user, true);
        }
    }

    final CpuFault pageFault(int lin, boolean write, boolean user, boolean present) {
        cr2 = lin;
        return fault(PF_, (present ? 1 : 0) | (write ? 2 : 0) | (user ? 4 : 0));
    }

    // ---- physical access with code-cache invalidation (slow paths) ----

    final int physRead8(int phys) {
        return memory.read8(phys);
    }

    final void physWrite8(int phys, int v) {
        int page = phys >>> 12;
        if (Integer.compareUnsigned(page, ramPages) < 0) {
            if (codePages[page] != null) {
                invalidateCodePage(page);
            }
            ram[phys] = (byte) v;
        }
    }

    // ---- linear access at the current privilege (user = CPL 3) ----

    final int read8(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (rTag[i] == lin >>> 12) {
            return ram[lin + rAdd[i]] & 0xFF;
        }
        return readSlow(lin, 0, cpl == 3);
    }

    /** An instruction byte for the decoder: read8 without the data-watchpoint check. */
    final int fetch8(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (rTag[i] == lin >>> 12) {
            return ram[lin + rAdd[i]] & 0xFF;
        }
        return memory.read8(translate(lin, false, cpl == 3));
    }

    final int read16(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (rTag[i] == lin >>> 12 && (lin & 0xFFF) != 0xFFF) {
            return (short) SHORT_LE.get(ram, lin + rAdd[i]) & 0xFFFF;
        }
        return readSlow(lin, 1, cpl == 3);
    }

    final int read32(int lin) {
        int i = (lin >>> 12) & TLB_MASK;
        if (rTag[i] == lin >>> 12 && (lin & 0xFFF) <= 0xFFC) {
            return (int) INT_LE.get(ram, lin + rAdd[i]);
        }
        return readSlow(lin, 2, cpl == 3);
    }

    final void write8(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (wTag[i] == lin >>> 12) {
            ram[lin + wAdd[i]] = (byte) v;
            return;
        }
        writeSlow(lin, 0, v, cpl == 3);
    }

    final void write16(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (wTag[i] == lin >>> 12 && (lin & 0xFFF) != 0xFFF) {
            SHORT_LE.set(ram, lin + wAdd[i], (short) v);
            return;
        }
        writeSlow(lin, 1, v, cpl == 3);
    }

    final void write32(int lin, int v) {
        int i = (lin >>> 12) & TLB_MASK;
        if (wTag[i] == lin >>> 12 && (lin & 0xFFF) <= 0xFFC) {
            INT_LE.set(ram, lin + wAdd[i], v);
            return;
        }
        writeSlow(lin, 2, v, cpl == 3);
    }

    final int readSized(int lin, int size) {
        switch (size) {
            case 0: return read8(lin);
            case 1: return read16(lin);
            default: return read32(lin);
        }
    }

    final void writeSized(int lin, int size, int v) {
        switch (size) {
            case 0: write8(lin, v); break;
            case 1: write16(lin, v); break;
            default: write32(lin, v);
        }
    }

    /** Checks that a write of the given size would succeed (for read-modify-write and multi-part stores). */
    final void probeWrite(int lin, int size) {
        int n = 1 << size;
        int last = lin + n - 1;
        if (wTag[(lin >>> 12) & TLB_MASK] == lin >>> 12 && wTag[(last >>> 12) & TLB_MASK] == last >>> 12) {
            return;
        }
        boolean user = cpl == 3;
        translate(lin, true, user);
        if (((lin & 0xFFF) + n) > 0x1000) {
            translate((lin + n - 1) & ~0xFFF, true, user); // CR2 = first byte on the second page
        }
    }

    /** Supervisor (implicit) accesses: descriptor tables, TSS, interrupt stack frames at CPL 0. */
    final int readSys(int lin, int size) {
        return readSlow(lin, size, false);
    }

    final void writeSys(int lin, int size, int v) {
        writeSlow(lin, size, v, false);
    }

    final int readSlow(int lin, int size, boolean user) {
        int n = 1 << size;
        if (debugHooks.access(lin, n, false)) {
            attention = true;
        }
        if ((lin & 0xFFF) + n <= 0x1000) {
            int phys = translate(lin, false, user);
            switch (size) {
                case 0: return memory.read8(phys);
                case 1: return memory.read16(phys);
                default: return memory.read32(phys);
            }
        }
        int last = lin + n - 1;
        int i1 = (lin >>> 12) & TLB_MASK, i2 = (last >>> 12) & TLB_MASK;
        if (user == (cpl == 3) && rTag[i1] == lin >>> 12 && rTag[i2] == last >>> 12) {
            int v = 0;
            for (int k = 0; k < n; k++) {
                int l = lin + k;
                v |= (ram[l + rAdd[(l >>> 12) & TLB_MASK]] & 0xFF) << (8 * k);
            }
            return v;
        }
        int p1 = translate(lin, false, user);
        int p2 = translate(last & ~0xFFF, false, user);
        int v = 0;
        for (int k = 0; k < n; k++) {
            int l = lin + k;
            int p = ((l ^ lin) & ~0xFFF) == 0 ? p1 + k : (p2 & ~0xFFF) + (l & 0xFFF);
            v |= memory.read8(p) << (8 * k);
        }
        return v;
    }

    final void writeSlow(int lin, int size, int v, boolean user) {
        int n = 1 << size;
        if (debugHooks.access(lin, n, true)) {
            attention = true;
        }
        int last = lin + n - 1;
        if (((lin ^ last) & ~0xFFF) != 0 && user == (cpl == 3)
                && wTag[(lin >>> 12) & TLB_MASK] == lin >>> 12 && wTag[(last >>> 12) & TLB_MASK] == last >>> 12) {
            for (int k = 0; k < n; k++) {
                int l = lin + k;
                ram[l + wAdd[(l >>> 12) & TLB_MASK]] = (byte) (v >>> (8 * k));
            }
            return;
        }
        int p1 = translate(lin, true, user);
        if ((lin & 0xFFF) + n <= 0x1000) {
            int page = p1 >>> 12;
            if (Integer.compareUnsigned(page, ramPages) < 0 && codePages[page] != null) {
                invalidateCodePage(page);
            }
            switch (size) {
                case 0: memory.write8(p1, v); break;
                case 1: memory.write16(p1, v); break;
                default: memory.write32(p1, v);
            }
            return;
        }
        int p2 = translate((lin + n - 1) & ~0xFFF, true, user);
        for (int k = 0; k < n; k++) {
            int l = lin + k;
            int p = ((l ^ lin) & ~0xFFF) == 0 ? p1 + k : (p2 & ~0xFFF) + (l & 0xFFF);
            physWrite8(p, v >>> (8 * k));
        }
    }
}
