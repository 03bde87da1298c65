package jmoo.cpu;

import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * Executes decoded instructions. The opcode switch is split by opcode range into methods that
 * each stay well under HotSpot's 8000-bytecode compile limit. This is the hot loop: the methods
 * here are long on purpose, one case per opcode form.
 */
abstract class Executor extends ControlTransfer {
    final IoBus io;
    final InterruptSource interrupts;
    /** EIP of the instruction being executed (faults restart here). */
    int instrStart;

    Executor(PhysicalMemory memory, IoBus io, InterruptSource interrupts) {
        super(memory);
        this.io = io;
        this.interrupts = interrupts;
    }

    // ---- operand helpers ----

    final int ea(Insn i) {
        int a = regs[i.base] + (regs[i.index] << i.scale) + i.disp;
        return i.a32 ? a : a & 0xFFFF;
    }

    final int readE(Insn i, int size) {
        return i.mem ? readMem(i.seg, ea(i), size) : regSized(i.rm, size);
    }

    final void writeE(Insn i, int size, int v) {
        if (i.mem) {
            writeMem(i.seg, ea(i), size, v);
        } else {
            setRegSized(i.rm, size, v);
        }
    }

    /** Linear address of a read-modify-write memory operand, already checked for writing. */
    final int rmwAddr(Insn i, int size) {
        int lin = writeAddr(i.seg, ea(i), size);
        probeWrite(lin, size);
        return lin;
    }

    final void jump(int target, int size) {
        if (size != 2) {
            target &= 0xFFFF;
        }
        if (Integer.compareUnsigned(target, segLimit[CS]) > 0) {
            throw fault(GP, 0);
        }
        eip = target;
    }

    final int iopl() {
        return (flags >>> 12) & 3;
    }

    final void requireCpl0() {
        if (cpl != 0 && protectedMode()) {
            throw fault(GP, 0);
        }
    }

    final CpuFault undefined() {
        undefinedOpcodes++;
        return fault(UD);
    }

    // ---- dispatch ----

    /** Hot path: the specialised forms first (see FastForms, semantics in FastOps), then the generic switch. */
    final void execute(Insn i) {
        switch (i.fast) {
            case FastForms.NONE: break;
            case FastForms.MOV_RR: FastOps.movRR(this, i.dst, i.src); return;
            case FastForms.MOV_LOAD: FastOps.movLoad(this, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOV_STORE: FastOps.movStore(this, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOV_LOAD8: FastOps.movLoad8(this, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOV_STORE8: FastOps.movStore8(this, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOV_STORE_IMM: FastOps.movStoreImm(this, i.imm, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOV_R_IMM: FastOps.movRImm(this, i.dst, i.imm); return;
            case FastForms.ALU_RR: FastOps.aluRR(this, i.src, i.dst, i.imm2); return;
            case FastForms.ALU_IMM_R: FastOps.aluRImm(this, i.src, i.dst, i.imm); return;
            case FastForms.ALU_LOAD: FastOps.aluLoad(this, i.src, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.ALU_IMM_M: FastOps.aluStore(this, i.src, i.imm, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.ALU_STORE: FastOps.aluStore(this, i.src, regs[i.reg], i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.TEST_RR: FastOps.testRR(this, i.dst, i.imm2); return;
            case FastForms.JCC: FastOps.jcc(this, i.dst, eip + i.imm, eip); return;
            case FastForms.JMP: FastOps.jmp(this, eip + i.imm); return;
            case FastForms.INC_R: FastOps.incR(this, i.dst); return;
            case FastForms.DEC_R: FastOps.decR(this, i.dst); return;
            case FastForms.PUSH_R: FastOps.pushR(this, i.dst); return;
            case FastForms.POP_R: FastOps.popR(this, i.dst); return;
            case FastForms.LEA: FastOps.lea(this, i.reg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.MOVZX8_LOAD: FastOps.movzx8Load(this, i.reg, i.seg, i.base, i.index, i.scale, i.disp); return;
            case FastForms.CALL: FastOps.call(this, eip + i.imm, eip); return;
            case FastForms.RET: FastOps.ret(this); return;
            default: break;
        }
        executeGeneric(i);
    }

    private void executeGeneric(Insn i) {
        int op = i.op;
        if (op < 0x80) {
            exec00(i, op);
        } else if (op < 0x100) {
            if (op < 0xC0) {
                exec80(i, op);
            } else {
                execC0(i, op);
            }
        } else {
            exec0F(i, op);
        }
    }

    private void exec00(Insn i, int op) {
        if ((op & 0xC0) == 0 && (op & 7) < 6) {
            aluForm(i, op);
            return;
        }
        switch (op) {
            case 0x06: push(i.osize, segSel[ES]); return;
            case 0x07: loadSegment(ES, popForSegment(i)); completePopSeg(i); return;
            case 0x0E: push(i.osize, segSel[CS]); return;
            case 0x16: push(i.osize, segSel[SS]); return;
            case 0x17: loadSegment(SS, popForSegment(i)); completePopSeg(i); interruptShadow = true; attention = true; return;
            case 0x1E: push(i.osize, segSel[DS]); return;
            case 0x1F: loadSegment(DS, popForSegment(i)); completePopSeg(i); return;
            case 0x27: daa(); return;
            case 0x2F: das(); return;
            case 0x37: aaa(); return;
            case 0x3F: aas(); return;
            case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
                setRegSized(op & 7, i.osize, inc(regSized(op & 7, i.osize), i.osize));
                return;
            case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E: case 0x4F:
                setRegSized(op & 7, i.osize, dec(regSized(op & 7, i.osize), i.osize));
                return;
            case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57:
                push(i.osize, regs[op & 7]);
                return;
            case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F: {
                int v = pop(i.osize);
                setRegSized(op & 7, i.osize, v);
                return;
            }
            case 0x60: pusha(i.osize); return;
            case 0x61: popa(i.osize); return;
            case 0x62: bound(i); return;
            case 0x63: arpl(i); return;
            case 0x68: push(i.osize, i.imm); return;
            case 0x69: case 0x6B: {
                int s = i.osize;
                setRegSized(i.reg, s, imul(readE(i, s), i.imm & mask(s), s));
                return;
            }
            case 0x6A: push(i.osize, i.imm); return;
            case 0x6C: case 0x6D: case 0x6E: case 0x6F: stringIo(i); return;
            default:
                if (op >= 0x70) {
                    if (condition(op & 0xF)) {
                        jump(eip + i.imm, i.osize);
                    }
                    return;
                }
                throw undefined();
        }
    }

    /** ALU forms 00-3D: Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,ib / eAX,iz. */
    private void aluForm(Insn i, int op) {
        int aop = (op >>> 3) & 7;
        int form = op & 7;
        int size = (form & 1) == 0 ? 0 : i.osize;
        switch (form) {
            case 0: case 1:
                aluToRm(i, aop, size, regSized(i.reg, size));
                return;
            case 2: case 3: {
                int r = alu(aop, regSized(i.reg, size), readE(i, size), size);
                if (aop != 7) setRegSized(i.reg, size, r);
                return;
            }
            default: {
                int r = alu(aop, regSized(EAX, size), i.imm & mask(size), size);
                if (aop != 7) setRegSized(EAX, size, r);
            }
        }
    }

    /** ALU operation with the r/m operand as destination (CMP only reads it). */
    private void aluToRm(Insn i, int aop, int size, int b) {
        if (!i.mem) {
            int r = alu(aop, regSized(i.rm, size), b, size);
            if (aop != 7) setRegSized(i.rm, size, r);
        } else if (aop == 7) {
            alu(7, readMem(i.seg, ea(i), size), b, size);
        } else {
            int lin = rmwAddr(i, size);
            writeSized(lin, size, alu(aop, readSized(lin, size), b, size));
        }
    }

    /** POP Sreg reads the selector first; ESP moves only after the load succeeded. */
    private int popForSegment(Insn i) {
        return peek(i.osize, 0) & 0xFFFF;
    }

    private void completePopSeg(Insn i) {
        adjustSp(i.osize == 2 ? 4 : 2);
    }

    private void exec80(Insn i, int op) {
        switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83: {
                int size = op == 0x81 || op == 0x83 ? i.osize : 0;
                aluToRm(i, i.reg, size, i.imm & mask(size));
                return;
            }
            case 0x84: case 0x85: {
                int size = op == 0x84 ? 0 : i.osize;
                alu(4, readE(i, size), regSized(i.reg, size), size);
                return;
            }
            case 0x86: case 0x87: {
                int size = op == 0x86 ? 0 : i.osize;
                int r = regSized(i.reg, size);
                if (i.mem) {
                    int lin = rmwAddr(i, size);
                    int m = readSized(lin, size);
                    writeSized(lin, size, r);
                    setRegSized(i.reg, size, m);
                } else {
                    int m = regSized(i.rm, size);
                    setRegSized(i.rm, size, r);
                    setRegSized(i.reg, size, m);
                }
                return;
            }
            case 0x88: writeE(i, 0, reg8(i.reg)); return;
            case 0x89:
                if (i.mem) {
                    writeMem(i.seg, ea(i), i.osize, regs[i.reg]);
                } else {
                    setRegSized(i.rm, i.osize, regs[i.reg]);
                }
                return;
            case 0x8A: setReg8(i.reg, readE(i, 0)); return;
            case 0x8B: setRegSized(i.reg, i.osize, readE(i, i.osize)); return;
            case 0x8C: {
                if (i.reg > 5) throw undefined();
                int v = segSel[i.reg];
                if (i.mem) writeMem(i.seg, ea(i), 1, v); else setRegSized(i.rm, i.osize, v);
                return;
            }
            case 0x8D:
                if (!i.mem) throw undefined();
                setRegSized(i.reg, i.osize, ea(i));
                return;
            case 0x8E: {
                if (i.reg > 5 || i.reg == CS) throw undefined();
                loadSegment(i.reg, readE(i, 1));
                if (i.reg == SS) {
                    interruptShadow = true;
                    attention = true;
                }
                return;
            }
            case 0x8F: popEv(i); return;
            case 0x90: return;
            case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: {
                int r = op & 7, s = i.osize;
                int t = regSized(r, s);
                setRegSized(r, s, regSized(EAX, s));
                setRegSized(EAX, s, t);
                return;
            }
            case 0x98:
                if (i.osize == 2) regs[EAX] = (short) regs[EAX];
                else setRegSized(EAX, 1, (byte) regs[EAX]);
                return;
            case 0x99:
                if (i.osize == 2) regs[EDX] = regs[EAX] >> 31;
                else setRegSized(EDX, 1, ((short) regs[EAX]) >> 15);
                return;
            case 0x9A: farTransfer(i.imm2, i.imm, i.osize, true); return;
            case 0x9B:
                if ((cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS)) throw fault(NM);
                return;
            case 0x9C: pushf(i); return;
            case 0x9D: popf(i); return;
            case 0x9E: { // SAHF
                materializeFlags();
                int mask = SF | ZF | AF | PF | CF;
                flags = (flags & ~mask) | ((regs[EAX] >>> 8) & mask);
                return;
            }
            case 0x9F: // LAHF
                regs[EAX] = (regs[EAX] & ~0xFF00) | ((readEflags() & 0xD7 | 2) << 8);
                return;
            case 0xA0: setReg8(EAX, readMem(i.seg, i.disp, 0)); return;
            case 0xA1: setRegSized(EAX, i.osize, readMem(i.seg, i.disp, i.osize)); return;
            case 0xA2: writeMem(i.seg, i.disp, 0, regs[EAX]); return;
            case 0xA3: writeMem(i.seg, i.disp, i.osize, regs[EAX]); return;
            case 0xA4: case 0xA5: case 0xA6: case 0xA7: case 0xAA: case 0xAB: case 0xAC: case 0xAD: case 0xAE: case 0xAF:
                stringOp(i);
                return;
            case 0xA8: alu(4, regs[EAX] & 0xFF, i.imm & 0xFF, 0); return;
            case 0xA9: alu(4, regSized(EAX, i.osize), i.imm & mask(i.osize), i.osize); return;
            default:
                if (op >= 0xB8) {
                    setRegSized(op & 7, i.osize, i.imm);
                } else if (op >= 0xB0) {
                    setReg8(op & 7, i.imm);
                } else {
                    throw undefined();
                }
        }
    }

    private void popEv(Insn i) {
        if (i.reg != 0) throw undefined();
        int s = i.osize;
        int v = peek(s, 0);
        if (!i.mem) {
            adjustSp(s == 2 ? 4 : 2);
            setRegSized(i.rm, s, v);
            return;
        }
        int oldEsp = regs[ESP];
        adjustSp(s == 2 ? 4 : 2); // the address is computed with the incremented ESP
        try {
            writeMem(i.seg, ea(i), s, v);
        } catch (CpuFault f) {
            regs[ESP] = oldEsp;
            throw f;
        }
    }

    private void pushf(Insn i) {
        push(i.osize, readEflags() & ~(RF | VM));
    }

    private void popf(Insn i) {
        int v = peek(i.osize, 0);
        adjustSp(i.osize == 2 ? 4 : 2);
        writeFlags(v, i.osize, false);
    }

    private void pusha(int size) {
        int oldEsp = regs[ESP];
        try {
            int t = regs[ESP];
            for (int r = 0; r < 8; r++) {
                push(size, r == ESP ? t : regs[r]);
            }
        } catch (CpuFault f) {
            regs[ESP] = oldEsp;
            throw f;
        }
    }

    private void popa(int size) {
        int step = size == 2 ? 4 : 2;
        int[] v = popaValues;
        for (int k = 0; k < 8; k++) {
            v[7 - k] = peek(size, k * step);
        }
        for (int r = 0; r < 8; r++) {
            if (r != ESP) setRegSized(r, size, v[r]);
        }
        adjustSp(8 * step);
    }

    private final int[] popaValues = new int[8];

    private void bound(Insn i) {
        if (!i.mem) throw undefined();
        int s = i.osize;
        int off = ea(i);
        int lo = sext(readMem(i.seg, off, s), s);
        int hi = sext(readMem(i.seg, off + (s == 2 ? 4 : 2), s), s);
        int v = sext(regSized(i.reg, s), s);
        if (v < lo || v > hi) throw fault(BR);
    }

    private void arpl(Insn i) {
        if (!protectedMode() || (flags & VM) != 0) throw undefined();
        int d = readE(i, 1);
        int src = regs[i.reg] & 3;
        materializeFlags();
        if ((d & 3) < src) {
            writeE(i, 1, (d & ~3) | src);
            flags |= ZF;
        } else {
            flags &= ~ZF;
        }
    }

    private void execC0(Insn i, int op) {
        switch (op) {
            case 0xC0: case 0xC1: case 0xD0: case 0xD1: case 0xD2: case 0xD3: {
                int size = (op & 1) == 0 ? 0 : i.osize;
                int count = op <= 0xC1 ? i.imm : op <= 0xD1 ? 1 : regs[ECX];
                if (i.mem) {
                    int lin = rmwAddr(i, size);
                    int r = shift(i.reg, readSized(lin, size), count, size);
                    if ((count & 31) != 0) writeSized(lin, size, r);
                } else {
                    setRegSized(i.rm, size, shift(i.reg, regSized(i.rm, size), count, size));
                }
                return;
            }
            case 0xC2: { int t = pop(i.osize); jump(t, i.osize); adjustSp(i.imm & 0xFFFF); return; }
            case 0xC3: { int t = peek(i.osize, 0); jump(t, i.osize); adjustSp(i.osize == 2 ? 4 : 2); return; }
            case 0xC4: loadFarPointer(i, ES); return;
            case 0xC5: loadFarPointer(i, DS); return;
            case 0xC6: if (i.reg != 0) throw undefined(); writeE(i, 0, i.imm); return;
            case 0xC7: if (i.reg != 0) throw undefined(); writeE(i, i.osize, i.imm); return;
            case 0xC8: enter(i); return;
            case 0xC9: { // LEAVE
                int oldEsp = regs[ESP];
                setSp(regs[EBP]);
                try {
                    setRegSized(EBP, i.osize, pop(i.osize));
                } catch (CpuFault f) {
                    regs[ESP] = oldEsp;
                    throw f;
                }
                return;
            }
            case 0xCA: farReturn(i.osize, i.imm & 0xFFFF); return;
            case 0xCB: farReturn(i.osize, 0); return;
            case 0xCC: softwareException(BP); return;
            case 0xCD: softInt(i.imm & 0xFF); return;
            case 0xCE: if (of()) softwareException(OFV); return;
            case 0xCF: iret(i.osize); return;
            case 0xD4: aam(i.imm & 0xFF); return;
            case 0xD5: aad(i.imm & 0xFF); return;
            case 0xD6: setAl(cf() ? 0xFF : 0); return;
            case 0xD7: { // XLAT
                int off = regs[EBX] + (regs[EAX] & 0xFF);
                setAl(readMem(i.seg, i.a32 ? off : off & 0xFFFF, 0));
                return;
            }
            case 0xD8: case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xDD: case 0xDE: case 0xDF:
                if ((cr0 & (CR0_EM | CR0_TS)) != 0) throw fault(NM);
                return; // no FPU present: ESC instructions do nothing (so a probe reads back nothing)
            case 0xE0: case 0xE1: case 0xE2: case 0xE3: loop(i, op); return;
            case 0xE4: case 0xE5: case 0xEC: case 0xED: {
                int size = (op & 1) == 0 ? 0 : i.osize;
                int port = op < 0xE8 ? i.imm & 0xFF : regs[EDX] & 0xFFFF;
                checkIo(port, size);
                setRegSized(EAX, size, io.in(port, 1 << size));
                attention = true;
                return;
            }
            case 0xE6: case 0xE7: case 0xEE: case 0xEF: {
                int size = (op & 1) == 0 ? 0 : i.osize;
                int port = op < 0xE8 ? i.imm & 0xFF : regs[EDX] & 0xFFFF;
                checkIo(port, size);
                io.out(port, 1 << size, regSized(EAX, size));
                attention = true;
                return;
            }
            case 0xE8: {
                int target = eip + i.imm;
                if (i.osize != 2) target &= 0xFFFF;
                if (Integer.compareUnsigned(target, segLimit[CS]) > 0) throw fault(GP, 0);
                push(i.osize, eip);
                eip = target;
                return;
            }
            case 0xE9: case 0xEB: jump(eip + i.imm, i.osize); return;
            case 0xEA: farTransfer(i.imm2, i.imm, i.osize, false); return;
            case 0xF1: softwareException(DB); return;
            case 0xF4:
                requireCpl0();
                halted = true;
                attention = true;
                return;
            case 0xF5: materializeFlags(); flags ^= CF; return;
            case 0xF6: case 0xF7: group3(i, op == 0xF6 ? 0 : i.osize); return;
            case 0xF8: materializeFlags(); flags &= ~CF; return;
            case 0xF9: materializeFlags(); flags |= CF; return;
            case 0xFA:
                if (protectedMode() && cpl > iopl()) throw fault(GP, 0);
                flags &= ~IF;
                return;
            case 0xFB:
                if (protectedMode() && cpl > iopl()) throw fault(GP, 0);
                if ((flags & IF) == 0) interruptShadow = true;
                flags |= IF;
                attention = true;
                return;
            case 0xFC: flags &= ~DF; return;
            case 0xFD: flags |= DF; return;
            case 0xFE: case 0xFF: group45(i, op); return;
            default: throw undefined();
        }
    }

    /** INT3/INTO/ICEBP: traps delivered like exceptions (recorded as the last exception). */
    private void softwareException(int vector) {
        softwareInterruptTaken = true;
        lastExceptionVector = vector;
        lastExceptionErrorCode = -1;
        interrupt(vector, vector != DB, -1);
    }

    private void softInt(int vector) {
        softwareInterruptTaken = true;
        interrupt(vector, true, -1);
    }

    private void loadFarPointer(Insn i, int seg) {
        if (!i.mem) throw undefined();
        int s = i.osize;
        int off = ea(i);
        int offset = readMem(i.seg, off, s);
        int sel = readMem(i.seg, off + (s == 2 ? 4 : 2), 1);
        loadSegment(seg, sel);
        setRegSized(i.reg, s, offset);
    }

    private void enter(Insn i) {
        int s = i.osize;
        int level = i.imm2 & 31;
        int oldEsp = regs[ESP], oldEbp = regs[EBP];
        try {
            push(s, regs[EBP]);
            int frame = sp();
            int step = s == 2 ? 4 : 2;
            int bp = stack32 ? regs[EBP] : regs[EBP] & 0xFFFF;
            for (int l = 1; l < level; l++) {
                bp -= step;
                if (!stack32) bp &= 0xFFFF;
                push(s, readMem(SS, bp, s));
            }
            if (level > 0) {
                push(s, frame);
            }
            setRegSized(EBP, stack32 ? 2 : 1, frame);
            int nsp = sp() - (i.imm & 0xFFFF);
            if (!stack32) nsp &= 0xFFFF;
            writeAddr(SS, nsp, 0);
            setSp(nsp);
        } catch (CpuFault f) {
            regs[ESP] = oldEsp;
            regs[EBP] = oldEbp;
            throw f;
        }
    }

    private void loop(Insn i, int op) {
        int cnt;
        if (op == 0xE3) {
            cnt = i.a32 ? regs[ECX] : regs[ECX] & 0xFFFF;
            if (cnt == 0) jump(eip + i.imm, i.osize);
            return;
        }
        if (i.a32) {
            cnt = --regs[ECX];
        } else {
            cnt = (regs[ECX] - 1) & 0xFFFF;
            regs[ECX] = (regs[ECX] & ~0xFFFF) | cnt;
        }
        boolean take = cnt != 0;
        if (op == 0xE0) take &= !zf();
        else if (op == 0xE1) take &= zf();
        if (take) jump(eip + i.imm, i.osize);
    }

    /** I/O permission: CPL > IOPL consults the TSS I/O bitmap; any set bit (or none) is #GP(0). */
    final void checkIo(int port, int size) {
        if (!protectedMode() || cpl <= iopl()) {
            return;
        }
        if ((segAttr[TR] & 8) == 0 || Integer.compareUnsigned(segLimit[TR], 0x67) < 0) {
            throw fault(GP, 0);
        }
        int mapBase = readSys(segBase[TR] + 0x66, 1);
        int byteOff = mapBase + (port >>> 3);
        if (Integer.compareUnsigned(byteOff + 1, segLimit[TR]) > 0) {
            throw fault(GP, 0);
        }
        int bits = readSys(segBase[TR] + byteOff, 1);
        int need = ((1 << (1 << size)) - 1) << (port & 7);
        if ((bits & need) != 0) {
            throw fault(GP, 0);
        }
    }

    private void group3(Insn i, int size) {
        int m = mask(size);
        switch (i.reg) {
            case 0: case 1: alu(4, readE(i, size), i.imm & m, size); return;
            case 2: {
                if (i.mem) {
                    int lin = rmwAddr(i, size);
                    writeSized(lin, size, ~readSized(lin, size) & m);
                } else {
                    setRegSized(i.rm, size, ~regSized(i.rm, size));
                }
                return;
            }
            case 3: {
                if (i.mem) {
                    int lin = rmwAddr(i, size);
                    writeSized(lin, size, neg(readSized(lin, size), size));
                } else {
                    setRegSized(i.rm, size, neg(regSized(i.rm, size), size));
                }
                return;
            }
            case 4: mul(readE(i, size), size); return;
            case 5: imulOne(readE(i, size), size); return;
            case 6: div(readE(i, size), size); return;
            default: idiv(readE(i, size), size);
        }
    }

    private void mul(int v, int size) {
        switch (size) {
            case 0: {
                int r = (regs[EAX] & 0xFF) * v;
                setRegSized(EAX, 1, r);
                mulFlags((r >>> 8) != 0, r, 0);
                return;
            }
            case 1: {
                int r = (regs[EAX] & 0xFFFF) * v;
                setRegSized(EAX, 1, r);
                setRegSized(EDX, 1, r >>> 16);
                mulFlags((r >>> 16) != 0, r, 1);
                return;
            }
            default: {
                long r = (regs[EAX] & 0xFFFFFFFFL) * (v & 0xFFFFFFFFL);
                regs[EAX] = (int) r;
                regs[EDX] = (int) (r >>> 32);
                mulFlags(regs[EDX] != 0, (int) r, 2);
            }
        }
    }

    private void imulOne(int v, int size) {
        switch (size) {
            case 0: {
                int r = (byte) regs[EAX] * (byte) v;
                setRegSized(EAX, 1, r);
                mulFlags(r != (byte) r, r, 0);
                return;
            }
            case 1: {
                int r = (short) regs[EAX] * (short) v;
                setRegSized(EAX, 1, r);
                setRegSized(EDX, 1, r >>> 16);
                mulFlags(r != (short) r, r, 1);
                return;
            }
            default: {
                long r = (long) regs[EAX] * v;
                regs[EAX] = (int) r;
                regs[EDX] = (int) (r >>> 32);
                mulFlags(r != (int) r, (int) r, 2);
            }
        }
    }

    private void div(int v, int size) {
        if (v == 0) throw fault(DE);
        switch (size) {
            case 0: {
                int n = regs[EAX] & 0xFFFF;
                int q = n / v;
                if (q > 0xFF) throw fault(DE);
                setRegSized(EAX, 1, ((n % v) << 8) | q);
                return;
            }
            case 1: {
                long n = ((regs[EDX] & 0xFFFFL) << 16) | (regs[EAX] & 0xFFFF);
                long q = n / v;
                if (q > 0xFFFF) throw fault(DE);
                setRegSized(EAX, 1, (int) q);
                setRegSized(EDX, 1, (int) (n % v));
                return;
            }
            default: {
                long n = ((long) regs[EDX] << 32) | (regs[EAX] & 0xFFFFFFFFL);
                long d = v & 0xFFFFFFFFL;
                long q = Long.divideUnsigned(n, d);
                if ((q >>> 32) != 0) throw fault(DE);
                regs[EAX] = (int) q;
                regs[EDX] = (int) Long.remainderUnsigned(n, d);
            }
        }
    }

    private void idiv(int v, int size) {
        if ((v & mask(size)) == 0) throw fault(DE);
        switch (size) {
            case 0: {
                int n = (short) regs[EAX];
                int d = (byte) v;
                int q = n / d;
                if (q != (byte) q) throw fault(DE);
                setRegSized(EAX, 1, ((n % d) << 8) | (q & 0xFF));
                return;
            }
            case 1: {
                int n = (regs[EDX] << 16) | (regs[EAX] & 0xFFFF);
                int d = (short) v;
                long q = (long) n / d;
                if (q != (short) q) throw fault(DE);
                setRegSized(EAX, 1, (int) q);
                setRegSized(EDX, 1, (int) ((long) n % d));
                return;
            }
            default: {
                long n = ((long) regs[EDX] << 32) | (regs[EAX] & 0xFFFFFFFFL);
                if (n == Long.MIN_VALUE && v == -1) throw fault(DE);
                long q = n / v;
                if (q != (int) q) throw fault(DE);
                regs[EAX] = (int) q;
                regs[EDX] = (int) (n % v);
            }
        }
    }

    private void group45(Insn i, int op) {
        int size = op == 0xFE ? 0 : i.osize;
        int r = i.reg;
        if (op == 0xFE && r > 1) throw undefined();
        switch (r) {
            case 0: case 1: {
                if (i.mem) {
                    int lin = rmwAddr(i, size);
                    int v = readSized(lin, size);
                    writeSized(lin, size, r == 0 ? inc(v, size) : dec(v, size));
                } else {
                    int v = regSized(i.rm, size);
                    setRegSized(i.rm, size, r == 0 ? inc(v, size) : dec(v, size));
                }
                return;
            }
            case 2: {
                int target = readE(i, size);
                if (size != 2) target &= 0xFFFF;
                if (Integer.compareUnsigned(target, segLimit[CS]) > 0) throw fault(GP, 0);
                push(size, eip);
                eip = target;
                return;
            }
            case 3: case 5: {
                if (!i.mem) throw undefined();
                int off = ea(i);
                int target = readMem(i.seg, off, size);
                int sel = readMem(i.seg, off + (size == 2 ? 4 : 2), 1);
                farTransfer(sel, target, size, r == 3);
                return;
            }
            case 4: jump(readE(i, size), size); return;
            case 6: push(size, readE(i, size)); return;
            default: throw undefined();
        }
    }

    // ---- 0x0F xx ----

    private void exec0F(Insn i, int op) {
        int b = op & 0xFF;
        if (b >= 0x80 && b < 0xA0) {
            if (b < 0x90) {
                if (condition(b & 0xF)) jump(eip + i.imm, i.osize);
            } else {
                writeE(i, 0, condition(b & 0xF) ? 1 : 0);
            }
            return;
        }
        if (b >= 0x40 && b < 0x50) {
            int s = i.osize;
            int v = readE(i, s);
            if (condition(b & 0xF)) setRegSized(i.reg, s, v);
            return;
        }
        if (b >= 0xC8 && b <= 0xCF) {
            regs[b & 7] = Integer.reverseBytes(regs[b & 7]);
            return;
        }
        if (b < 0x40) {
            System0F.execute(this, i, b);
            return;
        }
        switch (b) {
            case 0xA0: push(i.osize, segSel[FS]); return;
            case 0xA1: loadSegment(FS, peek(i.osize, 0) & 0xFFFF); adjustSp(i.osize == 2 ? 4 : 2); return;
            case 0xA8: push(i.osize, segSel[GS]); return;
            case 0xA9: loadSegment(GS, peek(i.osize, 0) & 0xFFFF); adjustSp(i.osize == 2 ? 4 : 2); return;
            case 0xA2: cpuid(); return;
            case 0xA3: bitOp(i, 0, regs[i.reg], false); return;
            case 0xAB: bitOp(i, 1, regs[i.reg], false); return;
            case 0xB3: bitOp(i, 2, regs[i.reg], false); return;
            case 0xBB: bitOp(i, 3, regs[i.reg], false); return;
            case 0xBA:
                if (i.reg < 4) throw undefined();
                bitOp(i, i.reg - 4, i.imm & 0xFF, true);
                return;
            case 0xA4: case 0xA5: case 0xAC: case 0xAD: {
                int s = i.osize;
                int count = (b & 1) == 0 ? i.imm : regs[ECX];
                int src = regSized(i.reg, s);
                boolean left = b < 0xAC;
                if (i.mem) {
                    int lin = rmwAddr(i, s);
                    int d = readSized(lin, s);
                    int r = left ? shld(d, src, count, s) : shrd(d, src, count, s);
                    if ((count & 31) != 0) writeSized(lin, s, r);
                } else {
                    int d = regSized(i.rm, s);
                    setRegSized(i.rm, s, left ? shld(d, src, count, s) : shrd(d, src, count, s));
                }
                return;
            }
            case 0xAF: setRegSized(i.reg, i.osize, imul(regSized(i.reg, i.osize), readE(i, i.osize), i.osize)); return;
            case 0xB0: case 0xB1: cmpxchg(i, b == 0xB0 ? 0 : i.osize); return;
            case 0xB2: loadFarPointer(i, SS); interruptShadow = true; attention = true; return;
            case 0xB4: loadFarPointer(i, FS); return;
            case 0xB5: loadFarPointer(i, GS); return;
            case 0xB6: setRegSized(i.reg, i.osize, readE(i, 0)); return;
            case 0xB7: setRegSized(i.reg, i.osize, readE(i, 1)); return;
            case 0xBE: setRegSized(i.reg, i.osize, (byte) readE(i, 0)); return;
            case 0xBF: setRegSized(i.reg, i.osize, (short) readE(i, 1)); return;
            case 0xBC: case 0xBD: {
                int s = i.osize;
                int v = readE(i, s);
                bitScanFlags(v);
                if (v != 0) {
                    setRegSized(i.reg, s, b == 0xBC ? Integer.numberOfTrailingZeros(v) : 31 - Integer.numberOfLeadingZeros(v));
                }
                return;
            }
            case 0xC0: case 0xC1: {
                int s = b == 0xC0 ? 0 : i.osize;
                int src = regSized(i.reg, s);
                if (i.mem) {
                    int lin = rmwAddr(i, s);
                    int d = readSized(lin, s);
                    int r = alu(0, d, src, s);
                    writeSized(lin, s, r);
                    setRegSized(i.reg, s, d);
                } else {
                    int d = regSized(i.rm, s);
                    int r = alu(0, d, src, s);
                    setRegSized(i.reg, s, d);
                    setRegSized(i.rm, s, r);
                }
                return;
            }
            default: throw undefined();
        }
    }

    /** BT/BTS/BTR/BTC (kind 0..3). A register bit offset addresses memory beyond the operand. */
    private void bitOp(Insn i, int kind, int bitOffset, boolean immediate) {
        int s = i.osize;
        int bits = 8 << s;
        materializeFlags();
        if (!i.mem) {
            int bit = bitOffset & (bits - 1);
            int v = regSized(i.rm, s);
            flags = (flags & ~CF) | ((v >>> bit) & 1);
            if (kind != 0) setRegSized(i.rm, s, bitResult(kind, v, bit));
            return;
        }
        int off = ea(i);
        int bit;
        if (immediate) {
            bit = bitOffset & (bits - 1);
        } else {
            int sb = sext(bitOffset, s);
            off += (sb >> (s == 2 ? 5 : 4)) * (bits / 8);
            if (!i.a32) off &= 0xFFFF;
            bit = sb & (bits - 1);
        }
        if (kind == 0) {
            int v = readMem(i.seg, off, s);
            flags = (flags & ~CF) | ((v >>> bit) & 1);
            return;
        }
        int lin = writeAddr(i.seg, off, s);
        probeWrite(lin, s);
        int v = readSized(lin, s);
        flags = (flags & ~CF) | ((v >>> bit) & 1);
        writeSized(lin, s, bitResult(kind, v, bit));
    }

    private static int bitResult(int kind, int v, int bit) {
        switch (kind) {
            case 1: return v | (1 << bit);
            case 2: return v & ~(1 << bit);
            default: return v ^ (1 << bit);
        }
    }

    private void cmpxchg(Insn i, int s) {
        int acc = regSized(EAX, s);
        int src = regSized(i.reg, s);
        if (i.mem) {
            int lin = rmwAddr(i, s);
            int d = readSized(lin, s);
            alu(7, acc, d, s);
            if (acc == d) {
                writeSized(lin, s, src);
            } else {
                writeSized(lin, s, d);
                setRegSized(EAX, s, d);
            }
        } else {
            int d = regSized(i.rm, s);
            alu(7, acc, d, s);
            if (acc == d) setRegSized(i.rm, s, src);
            else setRegSized(EAX, s, d);
        }
    }

    private void cpuid() {
        switch (regs[EAX]) {
            case 0:
                regs[EAX] = 1;
                regs[EBX] = 0x756E6547; // "Genu"
                regs[EDX] = 0x49656E69; // "ineI"
                regs[ECX] = 0x6C65746E; // "ntel"
                return;
            default:
                regs[EAX] = 0x0480; // family 4, model 8, stepping 0
                regs[EBX] = 0;
                regs[ECX] = 0;
                regs[EDX] = 1 << 15; // CMOV only
        }
    }

    // ---- string instructions ----

    /** Iterations of a REP instruction per step; the rest continues on the next step. */
    static final int REP_CHUNK = 4096;

    /**
     * Counts REP iterations beyond the first as retired instructions; each enters the EIP
     * history as the string instruction's EIP (the run loop recorded the first).
     */
    private void retireRepIterations(int n) {
        int lin = segBase[CS] + instrStart;
        for (int k = Math.max(0, n - EIP_HISTORY); k < n; k++) {
            eipHistory[(int) (instructionCount + 1 + k) & (EIP_HISTORY - 1)] = lin;
        }
        instructionCount += n;
    }

    private void stringOp(Insn i) {
        int op = i.op;
        int size = (op & 1) == 0 ? 0 : i.osize;
        int step = (flags & DF) != 0 ? -(1 << size) : 1 << size;
        int src = i.segOverride >= 0 ? i.segOverride : DS;
        boolean a32 = i.a32;
        int amask = a32 ? -1 : 0xFFFF;
        if (i.rep == 0) {
            stringOnce(op, size, step, src, amask, a32);
            return;
        }
        // Each iteration retires as one instruction; this step may run as many as the budget allows.
        int budget = (int) Math.min(REP_CHUNK, Math.max(1, budgetEnd - instructionCount));
        int done = 0;
        if (a32 && step > 0 && (op == 0xA4 || op == 0xA5 || op == 0xAA || op == 0xAB)) {
            while (done < budget) {
                int k = bulkString(op, size, src, budget - done);
                if (k == 0) {
                    break;
                }
                retireRepIterations(done == 0 ? k - 1 : k);
                done += k;
                if (regs[ECX] == 0) {
                    return;
                }
            }
        }
        boolean compares = op == 0xA6 || op == 0xA7 || op == 0xAE || op == 0xAF;
        while (done < budget) {
            int cnt = regs[ECX] & amask;
            if (cnt == 0) {
                return;
            }
            stringOnce(op, size, step, src, amask, a32);
            setCounter(cnt - 1, a32);
            if (done++ > 0) {
                retireRepIterations(1);
            }
            if (compares && zf() != (i.rep == 1)) {
                return;
            }
        }
        if ((regs[ECX] & amask) != 0) {
            eip = instrStart; // continue the REP on the next step (interrupts can come in between)
        }
    }

    /**
     * REP MOVS/STOS (32-bit addressing, ascending) over whole elements that stay inside one page
     * of source and destination, as one array copy or fill. Returns false, having done nothing,
     * when the fast conditions do not hold (TLB miss, segment check, page-crossing element,
     * overlapping forward copy); the element-by-element loop then handles it exactly.
     * Returns the number of elements done (0 when the fast conditions do not hold).
     */
    private int bulkString(int op, int size, int src, int maxIterations) {
        int cnt = regs[ECX];
        int edi = regs[EDI];
        int dstLin = segBase[ES] + edi;
        int k = Math.min(Integer.compareUnsigned(cnt, maxIterations) < 0 ? cnt : maxIterations,
                (0x1000 - (dstLin & 0xFFF)) >>> size);
        boolean movs = op <= 0xA5;
        int esi = regs[ESI];
        int srcLin = segBase[src] + esi;
        if (movs) {
            k = Math.min(k, (0x1000 - (srcLin & 0xFFF)) >>> size);
        }
        if (k <= 1) {
            return 0;
        }
        int bytes = k << size;
        if (!fits(segWriteBound[ES], edi, bytes) || (movs && !fits(segReadBound[src], esi, bytes))) {
            return 0;
        }
        int di = (dstLin >>> 12) & TLB_MASK;
        if (wTag[di] != dstLin >>> 12) {
            return 0;
        }
        int dstPhys = dstLin + wAdd[di];
        if (movs) {
            int si = (srcLin >>> 12) & TLB_MASK;
            if (rTag[si] != srcLin >>> 12) {
                return 0;
            }
            int srcPhys = srcLin + rAdd[si];
            if (dstPhys > srcPhys && dstPhys - srcPhys < bytes) {
                return 0;
            }
            System.arraycopy(ram, srcPhys, ram, dstPhys, bytes);
            regs[ESI] = esi + bytes;
        } else {
            int v = regs[EAX];
            switch (size) {
                case 0: java.util.Arrays.fill(ram, dstPhys, dstPhys + bytes, (byte) v); break;
                case 1: for (int a = dstPhys; a < dstPhys + bytes; a += 2) SHORT_LE.set(ram, a, (short) v); break;
                default: for (int a = dstPhys; a < dstPhys + bytes; a += 4) INT_LE.set(ram, a, v);
            }
        }
        regs[EDI] = edi + bytes;
        regs[ECX] = cnt - k;
        return k;
    }

    /** True when [off, off+bytes) lies inside a segment whose fast bound is {@code bound}. */
    private static boolean fits(int bound, int off, int bytes) {
        return bound != 0 && (off & 0xFFFFFFFFL) + bytes - 1 <= (bound & 0xFFFFFFFFL) + 2;
    }

    private void setCounter(int v, boolean a32) {
        regs[ECX] = a32 ? v : (regs[ECX] & ~0xFFFF) | (v & 0xFFFF);
    }

    private void advance(int r, int step, boolean a32) {
        regs[r] = a32 ? regs[r] + step : (regs[r] & ~0xFFFF) | ((regs[r] + step) & 0xFFFF);
    }

    private void stringOnce(int op, int size, int step, int src, int amask, boolean a32) {
        switch (op) {
            case 0xA4: case 0xA5: {
                int v = readMem(src, regs[ESI] & amask, size);
                writeMem(ES, regs[EDI] & amask, size, v);
                advance(ESI, step, a32);
                advance(EDI, step, a32);
                return;
            }
            case 0xA6: case 0xA7: {
                int a = readMem(src, regs[ESI] & amask, size);
                int b = readMem(ES, regs[EDI] & amask, size);
                alu(7, a, b, size);
                advance(ESI, step, a32);
                advance(EDI, step, a32);
                return;
            }
            case 0xAA: case 0xAB:
                writeMem(ES, regs[EDI] & amask, size, regs[EAX]);
                advance(EDI, step, a32);
                return;
            case 0xAC: case 0xAD:
                setRegSized(EAX, size, readMem(src, regs[ESI] & amask, size));
                advance(ESI, step, a32);
                return;
            default: { // SCAS
                int b = readMem(ES, regs[EDI] & amask, size);
                alu(7, regSized(EAX, size), b, size);
                advance(EDI, step, a32);
            }
        }
    }

    /** INS/OUTS (6C-6F). */
    private void stringIo(Insn i) {
        int op = i.op;
        int size = (op & 1) == 0 ? 0 : i.osize;
        int step = (flags & DF) != 0 ? -(1 << size) : 1 << size;
        boolean a32 = i.a32;
        int amask = a32 ? -1 : 0xFFFF;
        int port = regs[EDX] & 0xFFFF;
        checkIo(port, size);
        attention = true;
        int src = i.segOverride >= 0 ? i.segOverride : DS;
        if (i.rep == 0) {
            ioOnce(op, size, step, port, src, amask, a32);
            return;
        }
        int budget = (int) Math.min(REP_CHUNK, Math.max(1, budgetEnd - instructionCount));
        for (int done = 0; done < budget; done++) {
            int cnt = regs[ECX] & amask;
            if (cnt == 0) {
                return;
            }
            ioOnce(op, size, step, port, src, amask, a32);
            setCounter(cnt - 1, a32);
            if (done > 0) {
                retireRepIterations(1);
            }
        }
        if ((regs[ECX] & amask) != 0) {
            eip = instrStart;
        }
    }

    private void ioOnce(int op, int size, int step, int port, int src, int amask, boolean a32) {
        if (op <= 0x6D) {
            int lin = writeAddr(ES, regs[EDI] & amask, size);
            probeWrite(lin, size);
            writeSized(lin, size, io.in(port, 1 << size));
            advance(EDI, step, a32);
        } else {
            io.out(port, 1 << size, readMem(src, regs[ESI] & amask, size));
            advance(ESI, step, a32);
        }
    }
}
