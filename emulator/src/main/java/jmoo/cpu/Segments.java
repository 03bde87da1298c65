package jmoo.cpu;

import jmoo.devices.PhysicalMemory;

/**
 * Segmentation: descriptor caches, limit and type checks on every access (a one-compare fast
 * path per segment), descriptor-table reads, privilege checks on segment register loads, and the
 * stack primitives.
 */
abstract class Segments extends Mmu {
    /** Offsets strictly below these bounds can be read/written with any size <= 4 without checks. */
    final int[] segReadBound = new int[6];
    final int[] segWriteBound = new int[6];
    /**
     * Until the first LGDT/setGdtr after {@link Cpu#resetToFlatProtectedMode()}, selectors 0x10
     * and 0x18 name the boot protocol's flat code and data descriptors without a GDT in memory.
     */
    boolean bootGdt;
    /** CS.D: 32-bit default operand and address size. */
    boolean code32;
    /** SS.B: 32-bit stack pointer. */
    boolean stack32;

    Segments(PhysicalMemory memory) {
        super(memory);
    }

    static int descBase(long d) {
        int lo = (int) d, hi = (int) (d >>> 32);
        return (lo >>> 16) | ((hi & 0xFF) << 16) | (hi & 0xFF000000);
    }

    static int descLimit(long d) {
        int lo = (int) d, hi = (int) (d >>> 32);
        int limit = (lo & 0xFFFF) | (hi & 0xF0000);
        return (hi & (1 << 23)) != 0 ? (limit << 12) | 0xFFF : limit;
    }

    static int descAttr(long d) {
        return (int) (d >>> 40) & 0xF0FF;
    }

    static int attrDpl(int attr) {
        return (attr >>> ATTR_DPL_SHIFT) & 3;
    }

    static boolean isCode(int attr) {
        return (attr & (ATTR_S | 8)) == (ATTR_S | 8);
    }

    static boolean isData(int attr) {
        return (attr & (ATTR_S | 8)) == ATTR_S;
    }

    /** Loads a descriptor cache directly (reset, tests, task switch after checks). */
    final void setSegmentCache(int s, int selector, int base, int limit, int attr) {
        segSel[s] = selector & 0xFFFF;
        segBase[s] = base;
        segLimit[s] = limit;
        segAttr[s] = attr;
        if (s < 6) {
            refreshSegment(s);
        }
    }

    final void setSegmentCache(int s, int selector, long desc) {
        setSegmentCache(s, selector, descBase(desc), descLimit(desc), descAttr(desc));
    }

    /** Recomputes the fast-path bounds and mode bits derived from a segment's cache. */
    final void refreshSegment(int s) {
        int attr = segAttr[s];
        int limit = segLimit[s];
        int bound = Integer.compareUnsigned(limit, 3) >= 0 ? limit - 2 : 0;
        boolean usable = (attr & ATTR_UNUSABLE) == 0;
        boolean expandDown = isData(attr) && (attr & 4) != 0;
        boolean readable = isData(attr) || (attr & 2) != 0 || !protectedMode();
        boolean writable = (isData(attr) && (attr & 2) != 0) || !protectedMode();
        segReadBound[s] = usable && !expandDown && readable ? bound : 0;
        segWriteBound[s] = usable && !expandDown && writable ? bound : 0;
        if (s == CS) {
            code32 = (attr & ATTR_DB) != 0;
            fetchLinPage = -1;
        } else if (s == SS) {
            stack32 = (attr & ATTR_DB) != 0;
        }
    }

    final boolean protectedMode() {
        return (cr0 & CR0_PE) != 0;
    }

    // ---- segmented address checks ----

    /** Linear address of a read of 1 << size bytes at seg:off. */
    final int readAddr(int s, int off, int size) {
        if (Integer.compareUnsigned(off, segReadBound[s]) < 0) {
            return segBase[s] + off;
        }
        return checkSlow(s, off, size, false);
    }

    final int writeAddr(int s, int off, int size) {
        if (Integer.compareUnsigned(off, segWriteBound[s]) < 0) {
            return segBase[s] + off;
        }
        return checkSlow(s, off, size, true);
    }

    private int checkSlow(int s, int off, int size, boolean write) {
        int attr = segAttr[s];
        int vec = s == SS ? SSF : GP;
        if ((attr & ATTR_UNUSABLE) != 0) {
            throw fault(vec, 0);
        }
        if (protectedMode()) {
            if (write && !(isData(attr) && (attr & 2) != 0)) {
                throw fault(vec, 0);
            }
            if (!write && isCode(attr) && (attr & 2) == 0) {
                throw fault(vec, 0);
            }
        }
        long first = off & 0xFFFFFFFFL;
        long last = first + (1 << size) - 1;
        long limit = segLimit[s] & 0xFFFFFFFFL;
        if (isData(attr) && (attr & 4) != 0) {
            long upper = (attr & ATTR_DB) != 0 ? 0xFFFFFFFFL : 0xFFFFL;
            if (first <= limit || last > upper) {
                throw fault(vec, 0);
            }
        } else if (last > limit) {
            throw fault(vec, 0);
        }
        return segBase[s] + off;
    }

    final int readMem(int s, int off, int size) {
        return readSized(readAddr(s, off, size), size);
    }

    final void writeMem(int s, int off, int size, int v) {
        writeSized(writeAddr(s, off, size), size, v);
    }

    // ---- stack ----

    final int sp() {
        return stack32 ? regs[ESP] : regs[ESP] & 0xFFFF;
    }

    final void setSp(int v) {
        regs[ESP] = stack32 ? v : (regs[ESP] & ~0xFFFF) | (v & 0xFFFF);
    }

    /** Pushes a value of size 1 (word) or 2 (dword). */
    final void push(int size, int v) {
        int n = sp() - (size == 2 ? 4 : 2);
        if (!stack32) {
            n &= 0xFFFF;
        }
        writeSized(writeAddr(SS, n, size), size, v);
        setSp(n);
    }

    final void push32(int v) {
        push(2, v);
    }

    /** Reads the value at the top of the stack plus {@code skip} bytes, without popping. */
    final int peek(int size, int skip) {
        int off = sp() + skip;
        if (!stack32) {
            off &= 0xFFFF;
        }
        return readSized(readAddr(SS, off, size), size);
    }

    final void adjustSp(int delta) {
        setSp(sp() + delta);
    }

    final int pop(int size) {
        int v = peek(size, 0);
        adjustSp(size == 2 ? 4 : 2);
        return v;
    }

    // ---- descriptor tables ----

    /**
     * Reads the descriptor a selector names; raises {@code vector} with the selector's index as
     * error code when it lies outside the GDT/LDT.
     */
    final long readDescriptor(int sel, int vector) {
        int index = sel & ~7;
        if (bootGdt && (sel & 4) == 0 && (index == 0x10 || index == 0x18)) {
            return index == 0x10 ? 0x00CF9B000000FFFFL : 0x00CF93000000FFFFL;
        }
        int base, limit;
        if ((sel & 4) != 0) {
            if ((segAttr[LDTR] & ATTR_UNUSABLE) != 0 || segSel[LDTR] == 0) {
                throw fault(vector, sel & 0xFFFC);
            }
            base = segBase[LDTR];
            limit = segLimit[LDTR];
        } else {
            base = gdtBase;
            limit = gdtLimit;
        }
        if (Integer.compareUnsigned(index + 7, limit) > 0) {
            throw fault(vector, sel & 0xFFFC);
        }
        int lo = readSys(base + index, 2);
        int hi = readSys(base + index + 4, 2);
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    /** Sets the accessed bit of a segment descriptor in its table, as the CPU does on a load. */
    final void markAccessed(int sel, long desc) {
        if ((desc & (1L << 40)) == 0) {
            int base = (sel & 4) != 0 ? segBase[LDTR] : gdtBase;
            int addr = base + (sel & ~7) + 5;
            writeSys(addr, 0, (int) (desc >>> 40) | 1);
        }
    }

    /** MOV/POP/LxS to ES, SS, DS, FS or GS, with the protected-mode checks. */
    final void loadSegment(int s, int sel) {
        sel &= 0xFFFF;
        if (!protectedMode() || (flags & VM) != 0) {
            setSegmentCache(s, sel, sel << 4, segLimit[s], segAttr[s] & ~ATTR_UNUSABLE);
            return;
        }
        int rpl = sel & 3;
        if (s == SS) {
            if ((sel & 0xFFFC) == 0) {
                throw fault(GP, 0);
            }
            long d = readDescriptor(sel, GP);
            int attr = descAttr(d);
            if (rpl != cpl || attrDpl(attr) != cpl || !isData(attr) || (attr & 2) == 0) {
                throw fault(GP, sel & 0xFFFC);
            }
            if ((attr & ATTR_P) == 0) {
                throw fault(SSF, sel & 0xFFFC);
            }
            markAccessed(sel, d);
            setSegmentCache(s, sel, d);
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            setSegmentCache(s, sel, 0, 0, ATTR_UNUSABLE);
            return;
        }
        long d = readDescriptor(sel, GP);
        int attr = descAttr(d);
        if ((attr & ATTR_S) == 0 || (isCode(attr) && (attr & 2) == 0)) {
            throw fault(GP, sel & 0xFFFC);
        }
        boolean conformingCode = isCode(attr) && (attr & 4) != 0;
        if (!conformingCode && (rpl > attrDpl(attr) || cpl > attrDpl(attr))) {
            throw fault(GP, sel & 0xFFFC);
        }
        if ((attr & ATTR_P) == 0) {
            throw fault(NP, sel & 0xFFFC);
        }
        markAccessed(sel, d);
        setSegmentCache(s, sel, d);
    }

    /** Loads CS after the caller's checks; sets CPL (= the selector's RPL) and the mode bits. */
    final void loadCs(int sel, long desc, int newCpl) {
        setSegmentCache(CS, (sel & ~3) | newCpl, desc);
        setCpl(newCpl);
    }

    final void setCpl(int newCpl) {
        if (newCpl != cpl) {
            cpl = newCpl;
            selectTlb();
        }
    }

    /** On a return to an outer level: data segments the new CPL may not use become null. */
    final void nullInaccessibleSegments() {
        for (int s = ES; s <= GS; s++) {
            if (s == CS || s == SS) {
                continue;
            }
            int attr = segAttr[s];
            if ((attr & ATTR_UNUSABLE) != 0) {
                continue;
            }
            boolean conformingCode = isCode(attr) && (attr & 4) != 0;
            if (!conformingCode && attrDpl(attr) < cpl) {
                setSegmentCache(s, 0, 0, 0, ATTR_UNUSABLE);
            }
        }
    }
}
