package jmoo.cpu;

/**
 * The system instructions of the 0x0F 0x00..0x3F range: descriptor-table and task-register
 * loads and stores, LAR/LSL/VERR/VERW, CLTS, INVLPG, MOV to and from control and debug
 * registers. Rarely executed, so kept out of the hot executor.
 */
final class System0F {
    private System0F() {
    }

    static void execute(Executor c, Insn i, int b) {
        switch (b) {
            case 0x00: group6(c, i); return;
            case 0x01: group7(c, i); return;
            case 0x02: case 0x03: larLsl(c, i, b == 0x02); return;
            case 0x06: c.requireCpl0(); c.cr0 &= ~CpuState.CR0_TS; return;
            case 0x08: case 0x09: c.requireCpl0(); return;
            case 0x18: case 0x19: case 0x1A: case 0x1B: case 0x1C: case 0x1D: case 0x1E: case 0x1F:
                return; // hint NOPs (prefetch, multi-byte NOP): no memory access
            case 0x20: c.requireCpl0(); c.regs[i.rm] = readCr(c, i.reg); return;
            case 0x22: c.requireCpl0(); writeCr(c, i.reg, c.regs[i.rm]); return;
            case 0x21: c.requireCpl0(); c.regs[i.rm] = c.dr[debugIndex(c, i.reg)]; return;
            case 0x23: c.requireCpl0(); writeDebug(c, debugIndex(c, i.reg), c.regs[i.rm]); return;
            default: throw c.undefined();
        }
    }

    private static int debugIndex(Executor c, int n) {
        if ((n == 4 || n == 5) && (c.cr4 & 8) != 0) {
            throw c.undefined();
        }
        return n == 4 ? 6 : n == 5 ? 7 : n;
    }

    /** DR6 bits 4..11 and 16..31 read as 1, bit 12 as 0; DR7 bit 10 reads as 1. */
    static void writeDebug(CpuState c, int n, int v) {
        if (n == 6) {
            v = (v | 0xFFFF0FF0) & ~0x1000;
        } else if (n == 7) {
            v |= 0x400;
        }
        c.dr[n] = v;
    }

    static int readCr(Executor c, int n) {
        switch (n) {
            case 0: return c.cr0;
            case 2: return c.cr2;
            case 3: return c.cr3;
            case 4: return c.cr4;
            default: throw c.undefined();
        }
    }

    /** CR4 bits accepted: VME, PVI, TSD, DE, PSE, PGE (PSE/PGE are not advertised by CPUID). */
    static final int CR4_SUPPORTED = 0x1F | 0x80;

    static void writeCr(Segments c, int n, int v) {
        switch (n) {
            case 0: {
                v |= CpuState.CR0_ET;
                if ((v & CpuState.CR0_PG) != 0 && (v & CpuState.CR0_PE) == 0) {
                    throw c.fault(CpuState.GP, 0);
                }
                int changed = c.cr0 ^ v;
                c.cr0 = v & (CpuState.CR0_PE | CpuState.CR0_MP | CpuState.CR0_EM | CpuState.CR0_TS
                        | CpuState.CR0_ET | CpuState.CR0_NE | CpuState.CR0_WP | CpuState.CR0_AM
                        | CpuState.CR0_NW | CpuState.CR0_CD | CpuState.CR0_PG);
                if ((changed & (CpuState.CR0_PG | CpuState.CR0_WP | CpuState.CR0_PE)) != 0) {
                    c.flushTlb();
                }
                if ((changed & CpuState.CR0_PE) != 0) {
                    for (int s = 0; s < 6; s++) {
                        c.refreshSegment(s);
                    }
                }
                return;
            }
            case 2: c.cr2 = v; return;
            case 3: c.cr3 = v; c.flushTlb(); return;
            case 4:
                if ((v & ~CR4_SUPPORTED) != 0) {
                    throw c.fault(CpuState.GP, 0);
                }
                if (((c.cr4 ^ v) & 0x90) != 0) {
                    c.flushTlb();
                }
                c.cr4 = v;
                return;
            default: throw c.fault(CpuState.UD);
        }
    }

    private static void requireProtected(Executor c) {
        if (!c.protectedMode() || (c.flags & CpuState.VM) != 0) {
            throw c.undefined();
        }
    }

    private static void group6(Executor c, Insn i) {
        requireProtected(c);
        switch (i.reg) {
            case 0: storeSelector(c, i, c.segSel[CpuState.LDTR]); return;
            case 1: storeSelector(c, i, c.segSel[CpuState.TR]); return;
            case 2: { // LLDT
                c.requireCpl0();
                int sel = c.readE(i, 1);
                if ((sel & 0xFFFC) == 0) {
                    c.setSegmentCache(CpuState.LDTR, sel, 0, 0, CpuState.ATTR_UNUSABLE);
                    return;
                }
                if ((sel & 4) != 0) throw c.fault(CpuState.GP, sel & 0xFFFC);
                long d = c.readDescriptor(sel, CpuState.GP);
                int attr = Segments.descAttr(d);
                if ((attr & 0x1F) != 2) throw c.fault(CpuState.GP, sel & 0xFFFC);
                if ((attr & CpuState.ATTR_P) == 0) throw c.fault(CpuState.NP, sel & 0xFFFC);
                c.setSegmentCache(CpuState.LDTR, sel, d);
                return;
            }
            case 3: { // LTR
                c.requireCpl0();
                int sel = c.readE(i, 1);
                if ((sel & 0xFFFC) == 0) throw c.fault(CpuState.GP, 0);
                if ((sel & 4) != 0) throw c.fault(CpuState.GP, sel & 0xFFFC);
                long d = c.readDescriptor(sel, CpuState.GP);
                int attr = Segments.descAttr(d);
                if ((attr & 0x1F) != 1 && (attr & 0x1F) != 9) throw c.fault(CpuState.GP, sel & 0xFFFC);
                if ((attr & CpuState.ATTR_P) == 0) throw c.fault(CpuState.NP, sel & 0xFFFC);
                int addr = c.gdtBase + (sel & ~7) + 5;
                c.writeSys(addr, 0, c.readSys(addr, 0) | 2);
                c.setSegmentCache(CpuState.TR, sel, d | (2L << 40));
                return;
            }
            case 4: case 5: verify(c, i, i.reg == 5); return;
            default: throw c.undefined();
        }
    }

    private static void storeSelector(Executor c, Insn i, int sel) {
        if (i.mem) {
            c.writeMem(i.seg, c.ea(i), 1, sel);
        } else {
            c.setRegSized(i.rm, i.osize, sel);
        }
    }

    private static void group7(Executor c, Insn i) {
        switch (i.reg) {
            case 0: case 1: {
                if (!i.mem) throw c.undefined();
                int off = c.ea(i);
                boolean idt = i.reg == 1;
                c.writeMem(i.seg, off, 1, idt ? c.idtLimit : c.gdtLimit);
                int base = idt ? c.idtBase : c.gdtBase;
                c.writeMem(i.seg, off + 2, 2, i.osize == 2 ? base : base & 0xFFFFFF);
                return;
            }
            case 2: case 3: {
                if (!i.mem) throw c.undefined();
                c.requireCpl0();
                int off = c.ea(i);
                int limit = c.readMem(i.seg, off, 1);
                int base = c.readMem(i.seg, off + 2, 2);
                if (i.osize != 2) base &= 0xFFFFFF;
                if (i.reg == 2) {
                    c.gdtBase = base;
                    c.gdtLimit = limit;
                    c.bootGdt = false;
                } else {
                    c.idtBase = base;
                    c.idtLimit = limit;
                }
                return;
            }
            case 4:
                if (i.mem) c.writeMem(i.seg, c.ea(i), 1, c.cr0);
                else c.setRegSized(i.rm, i.osize, c.cr0);
                return;
            case 6: {
                c.requireCpl0();
                int v = c.readE(i, 1) & 0xF;
                int keepPe = c.cr0 & CpuState.CR0_PE;
                writeCr(c, 0, (c.cr0 & ~0xF) | v | keepPe);
                return;
            }
            case 7:
                if (!i.mem) throw c.undefined();
                c.requireCpl0();
                c.flushTlbPage(c.segBase[i.seg] + c.ea(i));
                return;
            default: throw c.undefined();
        }
    }

    /** The descriptor a selector names, or 0 when it is null or beyond its table (no fault). */
    private static long lookup(Executor c, int sel) {
        if ((sel & 0xFFFC) == 0) {
            return 0;
        }
        int limit = (sel & 4) != 0 ? c.segLimit[CpuState.LDTR] : c.gdtLimit;
        if ((sel & 4) != 0 && (c.segAttr[CpuState.LDTR] & CpuState.ATTR_UNUSABLE) != 0) {
            return 0;
        }
        if (Integer.compareUnsigned((sel & ~7) + 7, limit) > 0) {
            return 0;
        }
        return c.readDescriptor(sel, CpuState.GP);
    }

    private static boolean privileged(Executor c, int sel, int attr) {
        int dpl = Segments.attrDpl(attr);
        return dpl >= c.cpl && dpl >= (sel & 3);
    }

    private static void setZf(Executor c, boolean z) {
        c.materializeFlags();
        c.flags = z ? c.flags | CpuState.ZF : c.flags & ~CpuState.ZF;
    }

    private static void larLsl(Executor c, Insn i, boolean lar) {
        requireProtected(c);
        int sel = c.readE(i, 1);
        long d = lookup(c, sel);
        int attr = Segments.descAttr(d);
        boolean ok = d != 0;
        if (ok && (attr & CpuState.ATTR_S) == 0) {
            int t = attr & 0xF;
            ok = lar ? (t == 1 || t == 2 || t == 3 || t == 4 || t == 5 || t == 9 || t == 0xB || t == 0xC)
                     : (t == 1 || t == 2 || t == 3 || t == 9 || t == 0xB);
        }
        if (ok && !(Segments.isCode(attr) && (attr & 4) != 0)) {
            ok = privileged(c, sel, attr);
        }
        if (ok) {
            int v = lar ? (int) (d >>> 32) & 0x00FFFF00 : Segments.descLimit(d);
            c.setRegSized(i.reg, i.osize, v);
        }
        setZf(c, ok);
    }

    private static void verify(Executor c, Insn i, boolean write) {
        int sel = c.readE(i, 1);
        long d = lookup(c, sel);
        int attr = Segments.descAttr(d);
        boolean ok = d != 0 && (attr & CpuState.ATTR_S) != 0;
        if (ok) {
            if (write) {
                ok = Segments.isData(attr) && (attr & 2) != 0 && privileged(c, sel, attr);
            } else if (Segments.isCode(attr)) {
                ok = (attr & 2) != 0 && ((attr & 4) != 0 || privileged(c, sel, attr));
            } else {
                ok = privileged(c, sel, attr);
            }
        }
        setZf(c, ok);
    }
}
