package jmoo.cpu;

import jmoo.devices.PhysicalMemory;

/**
 * Privileged control transfers of protected mode: interrupt and exception delivery through the
 * IDT (interrupt, trap and task gates, with the TSS stack switch on entry to an inner ring),
 * IRET, far JMP/CALL/RET (with call gates), and task switches.
 *
 * <p>Each transfer first reads and checks everything, then writes the new stack frame, and only
 * then commits registers; a fault part-way restores the saved stack pointer and segment state.
 */
abstract class ControlTransfer extends Decoder {

    ControlTransfer(PhysicalMemory memory) {
        super(memory);
    }

    // ---- snapshot for rollback of multi-step transfers ----

    private final int[] saveSel = new int[8], saveBase = new int[8], saveLimit = new int[8], saveAttr = new int[8];
    private int saveEsp, saveCpl, saveFlags;

    final void saveForRollback() {
        System.arraycopy(segSel, 0, saveSel, 0, 8);
        System.arraycopy(segBase, 0, saveBase, 0, 8);
        System.arraycopy(segLimit, 0, saveLimit, 0, 8);
        System.arraycopy(segAttr, 0, saveAttr, 0, 8);
        saveEsp = regs[ESP];
        saveCpl = cpl;
        saveFlags = readEflags();
    }

    final void rollback() {
        for (int s = 0; s < 8; s++) {
            setSegmentCache(s, saveSel[s], saveBase[s], saveLimit[s], saveAttr[s]);
        }
        regs[ESP] = saveEsp;
        setCpl(saveCpl);
        flags = saveFlags;
        lazyOp = L_NONE;
        attention = true;
    }

    // ---- interrupts and exceptions ----

    /**
     * Delivers interrupt {@code vector} through the IDT. {@code errorCode} is -1 when none is
     * pushed; {@code soft} is INT n/INT3/INTO (gate DPL checked against CPL); EIP must already
     * hold the return address.
     */
    final void interrupt(int vector, boolean soft, int errorCode) {
        saveForRollback();
        try {
            if (!protectedMode()) {
                realModeInterrupt(vector);
                return;
            }
            protectedInterrupt(vector, soft, errorCode);
        } catch (CpuFault f) {
            rollback();
            throw f;
        }
    }

    private void realModeInterrupt(int vector) {
        int ent = readSys(idtBase + vector * 4, 2);
        push(1, readEflags());
        push(1, segSel[CS]);
        push(1, eip);
        flags &= ~(IF | TF | AC);
        setSegmentCache(CS, ent >>> 16, (ent >>> 16) << 4, segLimit[CS], segAttr[CS]);
        eip = ent & 0xFFFF;
    }

    private void protectedInterrupt(int vector, boolean soft, int errorCode) {
        int ext = soft ? 0 : 1;
        int gateErr = vector * 8 + 2 + ext;
        if (vector * 8 + 7 > idtLimit) {
            throw fault(GP, gateErr);
        }
        int lo = readSys(idtBase + vector * 8, 2);
        int hi = readSys(idtBase + vector * 8 + 4, 2);
        int attr = (hi >>> 8) & 0xFF;
        int type = attr & 0x1F;
        if (type != 5 && type != 6 && type != 7 && type != 0xE && type != 0xF) {
            throw fault(GP, gateErr);
        }
        int gateDpl = (attr >>> 5) & 3;
        if (soft && gateDpl < cpl) {
            throw fault(GP, gateErr);
        }
        if ((attr & 0x80) == 0) {
            throw fault(NP, gateErr);
        }
        int sel = lo >>> 16;
        if (type == 5) {
            long tss = readDescriptor(sel, GP);
            taskSwitch(sel, tss, TASK_CALL);
            if (errorCode >= 0) {
                push(code32 ? 2 : 1, errorCode);
            }
            return;
        }
        boolean gate32 = (type & 8) != 0;
        int offset = gate32 ? (lo & 0xFFFF) | (hi & 0xFFFF0000) : lo & 0xFFFF;
        if ((sel & 0xFFFC) == 0) {
            throw fault(GP, ext);
        }
        long cd = readDescriptor(sel, GP);
        int cattr = descAttr(cd);
        int cdpl = attrDpl(cattr);
        if (!isCode(cattr) || cdpl > cpl) {
            throw fault(GP, (sel & 0xFFFC) + ext);
        }
        if ((cattr & ATTR_P) == 0) {
            throw fault(NP, (sel & 0xFFFC) + ext);
        }
        boolean conforming = (cattr & 4) != 0;
        int size = gate32 ? 2 : 1;
        int oldFlags = readEflags();
        int oldCs = segSel[CS];
        if (!conforming && cdpl < cpl) {
            int oldSs = segSel[SS];
            int oldEsp = regs[ESP];
            switchToInnerStack(cdpl, ext);
            push(size, oldSs);
            push(size, oldEsp);
        }
        push(size, oldFlags);
        push(size, oldCs);
        push(size, eip);
        if (errorCode >= 0) {
            push(size, errorCode);
        }
        loadCs(sel, cd, conforming ? cpl : cdpl);
        eip = offset;
        flags &= ~(TF | NT | RF | VM);
        if ((type & 1) == 0) {
            flags &= ~IF;
        }
    }

    /** Loads SS:ESP for privilege level {@code level} from the current TSS (entry to an inner ring). */
    private void switchToInnerStack(int level, int ext) {
        int trSel = segSel[TR];
        boolean tss32 = (segAttr[TR] & 8) != 0;
        int entry = tss32 ? 4 + 8 * level : 2 + 4 * level;
        int entrySize = tss32 ? 8 : 4;
        if (Integer.compareUnsigned(entry + entrySize - 1, segLimit[TR]) > 0) {
            throw fault(TS, (trSel & 0xFFFC) + ext);
        }
        int newEsp, newSs;
        if (tss32) {
            newEsp = readSys(segBase[TR] + entry, 2);
            newSs = readSys(segBase[TR] + entry + 4, 1);
        } else {
            newEsp = readSys(segBase[TR] + entry, 1);
            newSs = readSys(segBase[TR] + entry + 2, 1);
        }
        if ((newSs & 0xFFFC) == 0) {
            throw fault(TS, ext);
        }
        long sd = readDescriptor(newSs, TS);
        int sattr = descAttr(sd);
        if ((newSs & 3) != level || attrDpl(sattr) != level || !isData(sattr) || (sattr & 2) == 0) {
            throw fault(TS, (newSs & 0xFFFC) + ext);
        }
        if ((sattr & ATTR_P) == 0) {
            throw fault(SSF, (newSs & 0xFFFC) + ext);
        }
        markAccessed(newSs, sd);
        setSegmentCache(SS, newSs, sd);
        regs[ESP] = newEsp;
        setCpl(level); // the frame is written with the new privilege (supervisor accesses)
    }

    // ---- IRET ----

    final void iret(int size) {
        saveForRollback();
        try {
            if (!protectedMode()) {
                int newEip = pop(size), newCs = pop(size), newFlags = pop(size);
                setSegmentCache(CS, newCs, newCs << 4, segLimit[CS], segAttr[CS]);
                eip = newEip;
                writeFlags(newFlags, size, true);
                return;
            }
            if ((flags & NT) != 0) {
                int back = readSys(segBase[TR], 1);
                long desc = readDescriptor(back, TS);
                int type = descAttr(desc) & 0x1F;
                if (type != 0x0B && type != 0x03) {
                    throw fault(TS, back & 0xFFFC);
                }
                taskSwitch(back, desc, TASK_IRET);
                return;
            }
            int step = size == 2 ? 4 : 2;
            int newEip = peek(size, 0);
            int newCs = peek(size, step) & 0xFFFF;
            int newFlags = peek(size, 2 * step);
            long cd = checkReturnCs(newCs);
            int rpl = newCs & 3;
            if (rpl > cpl) {
                int newEsp = peek(size, 3 * step);
                int newSs = peek(size, 4 * step) & 0xFFFF;
                long sd = checkReturnSs(newSs, rpl);
                checkCodeOffset(newEip, cd);
                int oldCpl = cpl;
                loadCs(newCs, cd, rpl);
                eip = newEip;
                writeFlagsAt(newFlags, size, oldCpl);
                markAccessed(newSs, sd);
                setSegmentCache(SS, newSs, sd);
                regs[ESP] = size == 2 || stack32 ? newEsp : (regs[ESP] & ~0xFFFF) | (newEsp & 0xFFFF);
                nullInaccessibleSegments();
            } else {
                checkCodeOffset(newEip, cd);
                int oldCpl = cpl;
                loadCs(newCs, cd, rpl);
                eip = newEip;
                adjustSp(3 * step);
                writeFlagsAt(newFlags, size, oldCpl);
            }
        } catch (CpuFault f) {
            rollback();
            throw f;
        }
    }

    private void checkCodeOffset(int off, long cd) {
        if (Integer.compareUnsigned(off, descLimit(cd)) > 0) {
            throw fault(GP, 0);
        }
    }

    /** Checks a CS selector popped by RETF/IRET; returns its descriptor. */
    private long checkReturnCs(int sel) {
        if ((sel & 0xFFFC) == 0) {
            throw fault(GP, 0);
        }
        long cd = readDescriptor(sel, GP);
        int attr = descAttr(cd);
        int rpl = sel & 3;
        if (!isCode(attr) || rpl < cpl) {
            throw fault(GP, sel & 0xFFFC);
        }
        boolean conforming = (attr & 4) != 0;
        if (conforming ? attrDpl(attr) > rpl : attrDpl(attr) != rpl) {
            throw fault(GP, sel & 0xFFFC);
        }
        if ((attr & ATTR_P) == 0) {
            throw fault(NP, sel & 0xFFFC);
        }
        return cd;
    }

    private long checkReturnSs(int sel, int rpl) {
        if ((sel & 0xFFFC) == 0) {
            throw fault(GP, 0);
        }
        long sd = readDescriptor(sel, GP);
        int attr = descAttr(sd);
        if ((sel & 3) != rpl || attrDpl(attr) != rpl || !isData(attr) || (attr & 2) == 0) {
            throw fault(GP, sel & 0xFFFC);
        }
        if ((attr & ATTR_P) == 0) {
            throw fault(SSF, sel & 0xFFFC);
        }
        return sd;
    }

    /** POPF/IRET flag write with the IOPL/CPL rules of the privilege level the instruction ran at. */
    final void writeFlags(int v, int size, boolean isIret) {
        writeFlagsAt(v, size, cpl, isIret);
    }

    private void writeFlagsAt(int v, int size, int atCpl) {
        writeFlagsAt(v, size, atCpl, true);
    }

    private void writeFlagsAt(int v, int size, int atCpl, boolean isIret) {
        int changeable = ARITH_FLAGS | TF | DF | NT | AC | ID;
        if (isIret) {
            changeable |= RF;
        }
        int iopl = (flags >>> 12) & 3;
        if (atCpl == 0) {
            changeable |= IOPL;
        }
        if (atCpl <= iopl || !protectedMode()) {
            changeable |= IF;
        }
        if (!protectedMode()) {
            changeable |= IOPL;
        }
        if (size != 2) {
            changeable &= 0xFFFF;
        }
        materializeFlags();
        flags = (flags & ~changeable) | (v & changeable) | 2;
        attention = true;
    }

    // ---- far JMP / CALL / RET ----

    static final int TASK_JMP = 0, TASK_CALL = 1, TASK_IRET = 2;

    final void farTransfer(int sel, int off, int size, boolean call) {
        saveForRollback();
        try {
            if (!protectedMode()) {
                if (call) {
                    push(size, segSel[CS]);
                    push(size, eip);
                }
                setSegmentCache(CS, sel, sel << 4, segLimit[CS], segAttr[CS]);
                eip = size == 2 ? off : off & 0xFFFF;
                return;
            }
            protectedFarTransfer(sel & 0xFFFF, off, size, call);
        } catch (CpuFault f) {
            rollback();
            throw f;
        }
    }

    private void protectedFarTransfer(int sel, int off, int size, boolean call) {
        if ((sel & 0xFFFC) == 0) {
            throw fault(GP, 0);
        }
        long d = readDescriptor(sel, GP);
        int attr = descAttr(d);
        int dpl = attrDpl(attr);
        int rpl = sel & 3;
        if (isCode(attr)) {
            boolean conforming = (attr & 4) != 0;
            if (conforming ? dpl > cpl : (rpl > cpl || dpl != cpl)) {
                throw fault(GP, sel & 0xFFFC);
            }
            if ((attr & ATTR_P) == 0) {
                throw fault(NP, sel & 0xFFFC);
            }
            if (size != 2) {
                off &= 0xFFFF;
            }
            checkCodeOffset(off, d);
            if (call) {
                push(size, segSel[CS]);
                push(size, eip);
            }
            markAccessed(sel, d);
            loadCs(sel, d, cpl);
            eip = off;
            return;
        }
        if ((attr & ATTR_S) != 0) {
            throw fault(GP, sel & 0xFFFC);
        }
        int type = attr & 0xF;
        switch (type) {
            case 1: case 9: // available TSS
                if (dpl < cpl || dpl < rpl) {
                    throw fault(GP, sel & 0xFFFC);
                }
                if ((attr & ATTR_P) == 0) {
                    throw fault(NP, sel & 0xFFFC);
                }
                taskSwitch(sel, d, call ? TASK_CALL : TASK_JMP);
                return;
            case 5: { // task gate
                if (dpl < cpl || dpl < rpl) {
                    throw fault(GP, sel & 0xFFFC);
                }
                if ((attr & ATTR_P) == 0) {
                    throw fault(NP, sel & 0xFFFC);
                }
                int tsel = (int) (d >>> 16) & 0xFFFF;
                long td = readDescriptor(tsel, GP);
                int tt = descAttr(td) & 0x1F;
                if (tt != 0x09 && tt != 0x01) {
                    throw fault(GP, tsel & 0xFFFC);
                }
                taskSwitch(tsel, td, call ? TASK_CALL : TASK_JMP);
                return;
            }
            case 4: case 0xC:
                callGate(sel, d, call);
                return;
            default:
                throw fault(GP, sel & 0xFFFC);
        }
    }

    private void callGate(int gateSel, long gate, boolean call) {
        int gattr = descAttr(gate);
        int gdpl = attrDpl(gattr);
        if (gdpl < cpl || gdpl < (gateSel & 3)) {
            throw fault(GP, gateSel & 0xFFFC);
        }
        if ((gattr & ATTR_P) == 0) {
            throw fault(NP, gateSel & 0xFFFC);
        }
        boolean gate32 = (gattr & 8) != 0;
        int sel = (int) (gate >>> 16) & 0xFFFF;
        int off = gate32 ? (int) (gate & 0xFFFF) | (int) (gate >>> 32) & 0xFFFF0000 : (int) gate & 0xFFFF;
        int params = (int) (gate >>> 32) & 0x1F;
        if ((sel & 0xFFFC) == 0) {
            throw fault(GP, 0);
        }
        long cd = readDescriptor(sel, GP);
        int cattr = descAttr(cd);
        int cdpl = attrDpl(cattr);
        if (!isCode(cattr) || cdpl > cpl) {
            throw fault(GP, sel & 0xFFFC);
        }
        if ((cattr & ATTR_P) == 0) {
            throw fault(NP, sel & 0xFFFC);
        }
        boolean conforming = (cattr & 4) != 0;
        int size = gate32 ? 2 : 1;
        checkCodeOffset(off, cd);
        if (!call) {
            if (!conforming && cdpl != cpl) {
                throw fault(GP, sel & 0xFFFC);
            }
            loadCs(sel, cd, cpl);
            eip = off;
            return;
        }
        int oldCs = segSel[CS];
        if (!conforming && cdpl < cpl) {
            int oldSs = segSel[SS];
            int oldEsp = regs[ESP];
            int oldSsBase = segBase[SS];
            boolean oldStack32 = stack32;
            int[] copied = new int[params];
            for (int k = 0; k < params; k++) {
                int o = oldEsp + k * (gate32 ? 4 : 2);
                copied[k] = readSized(oldSsBase + (oldStack32 ? o : o & 0xFFFF), size);
            }
            switchToInnerStack(cdpl, 0);
            push(size, oldSs);
            push(size, oldEsp);
            for (int k = params - 1; k >= 0; k--) {
                push(size, copied[k]);
            }
            push(size, oldCs);
            push(size, eip);
            loadCs(sel, cd, cdpl);
        } else {
            push(size, oldCs);
            push(size, eip);
            loadCs(sel, cd, cpl);
        }
        eip = off;
    }

    /** RETF with {@code popBytes} extra bytes released (RETF imm16). */
    final void farReturn(int size, int popBytes) {
        saveForRollback();
        try {
            int step = size == 2 ? 4 : 2;
            int newEip = peek(size, 0);
            int newCs = peek(size, step) & 0xFFFF;
            if (!protectedMode()) {
                setSegmentCache(CS, newCs, newCs << 4, segLimit[CS], segAttr[CS]);
                eip = newEip;
                adjustSp(2 * step + popBytes);
                return;
            }
            long cd = checkReturnCs(newCs);
            int rpl = newCs & 3;
            if (size != 2) {
                newEip &= 0xFFFF;
            }
            checkCodeOffset(newEip, cd);
            if (rpl > cpl) {
                int newEsp = peek(size, 2 * step + popBytes);
                int newSs = peek(size, 3 * step + popBytes) & 0xFFFF;
                long sd = checkReturnSs(newSs, rpl);
                loadCs(newCs, cd, rpl);
                markAccessed(newSs, sd);
                setSegmentCache(SS, newSs, sd);
                setSp(newEsp + popBytes);
                nullInaccessibleSegments();
            } else {
                loadCs(newCs, cd, cpl);
                adjustSp(2 * step + popBytes);
            }
            eip = newEip;
        } catch (CpuFault f) {
            rollback();
            throw f;
        }
    }

    // ---- task switch (32-bit and 16-bit TSS) ----

    final void taskSwitch(int sel, long desc, int source) {
        int type = descAttr(desc) & 0xF;
        boolean new32 = (type & 8) != 0;
        int newBase = descBase(desc);
        int newLimit = descLimit(desc);
        if (Integer.compareUnsigned(newLimit, new32 ? 0x67 : 0x2B) < 0) {
            throw fault(TS, sel & 0xFFFC);
        }
        if ((descAttr(desc) & ATTR_P) == 0) {
            throw fault(NP, sel & 0xFFFC);
        }
        // save the outgoing task
        int oldBase = segBase[TR];
        boolean old32 = (segAttr[TR] & 8) != 0;
        int oldFlags = readEflags();
        if (source == TASK_IRET) {
            oldFlags &= ~NT;
        }
        if (old32) {
            writeSys(oldBase + 0x20, 2, eip);
            writeSys(oldBase + 0x24, 2, oldFlags);
            for (int r = 0; r < 8; r++) {
                writeSys(oldBase + 0x28 + 4 * r, 2, regs[r]);
            }
            for (int s = 0; s < 6; s++) {
                writeSys(oldBase + 0x48 + 4 * s, 1, segSel[s]);
            }
        } else {
            writeSys(oldBase + 0x0E, 1, eip);
            writeSys(oldBase + 0x10, 1, oldFlags);
            for (int r = 0; r < 8; r++) {
                writeSys(oldBase + 0x12 + 2 * r, 1, regs[r]);
            }
            for (int s = 0; s < 4; s++) {
                writeSys(oldBase + 0x22 + 2 * s, 1, segSel[s]);
            }
        }
        if (source == TASK_JMP || source == TASK_IRET) {
            setBusy(segSel[TR], false);
        }
        // read the incoming task
        int nEip, nFlags, nCr3 = cr3, nLdt;
        int[] nRegs = new int[8];
        int[] nSegs = new int[6];
        if (new32) {
            nCr3 = readSys(newBase + 0x1C, 2);
            nEip = readSys(newBase + 0x20, 2);
            nFlags = readSys(newBase + 0x24, 2);
            for (int r = 0; r < 8; r++) {
                nRegs[r] = readSys(newBase + 0x28 + 4 * r, 2);
            }
            for (int s = 0; s < 6; s++) {
                nSegs[s] = readSys(newBase + 0x48 + 4 * s, 1);
            }
            nLdt = readSys(newBase + 0x60, 1);
        } else {
            nEip = readSys(newBase + 0x0E, 1);
            nFlags = readSys(newBase + 0x10, 1) | (flags & 0xFFFF0000);
            for (int r = 0; r < 8; r++) {
                nRegs[r] = (regs[r] & 0xFFFF0000) | readSys(newBase + 0x12 + 2 * r, 1);
            }
            for (int s = 0; s < 4; s++) {
                nSegs[s] = readSys(newBase + 0x22 + 2 * s, 1);
            }
            nLdt = readSys(newBase + 0x2A, 1);
        }
        if (source == TASK_CALL) {
            writeSys(newBase, 1, segSel[TR]);
            nFlags |= NT;
        }
        if (source != TASK_IRET) {
            setBusy(sel, true);
            desc |= 2L << 40;
        }
        setSegmentCache(TR, sel, desc);
        cr0 |= CR0_TS;
        if (new32 && (cr0 & CR0_PG) != 0 && nCr3 != cr3) {
            cr3 = nCr3;
            flushTlb();
        }
        System.arraycopy(nRegs, 0, regs, 0, 8);
        flags = (nFlags & SUPPORTED_FLAGS) | 2;
        lazyOp = L_NONE;
        attention = true;
        eip = nEip;
        // LDT, then segments (faults here are #TS of the new task)
        loadTaskLdt(nLdt);
        int csSel = nSegs[CS];
        long cd = readDescriptor(csSel, TS);
        if (!isCode(descAttr(cd)) || (csSel & 0xFFFC) == 0) {
            throw fault(TS, csSel & 0xFFFC);
        }
        loadCs(csSel, cd, csSel & 3);
        for (int s = 0; s < 6; s++) {
            if (s == CS) {
                continue;
            }
            int ss = nSegs[s];
            if ((ss & 0xFFFC) == 0) {
                if (s == SS) {
                    throw fault(TS, 0);
                }
                setSegmentCache(s, ss, 0, 0, ATTR_UNUSABLE);
            } else {
                setSegmentCache(s, ss, readDescriptor(ss, TS));
            }
        }
    }

    private void loadTaskLdt(int ldtSel) {
        if ((ldtSel & 0xFFFC) == 0) {
            setSegmentCache(LDTR, 0, 0, 0, ATTR_UNUSABLE);
            return;
        }
        if ((ldtSel & 4) != 0) {
            throw fault(TS, ldtSel & 0xFFFC);
        }
        long d = readDescriptor(ldtSel, TS);
        if ((descAttr(d) & 0x1F) != 2) {
            throw fault(TS, ldtSel & 0xFFFC);
        }
        setSegmentCache(LDTR, ldtSel, d);
    }

    private void setBusy(int sel, boolean busy) {
        if ((sel & 0xFFFC) == 0 || (sel & 4) != 0) {
            return;
        }
        int addr = gdtBase + (sel & ~7) + 5;
        int b = readSys(addr, 0);
        writeSys(addr, 0, busy ? b | 2 : b & ~2);
    }
}
