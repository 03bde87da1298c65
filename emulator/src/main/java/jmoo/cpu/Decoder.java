package jmoo.cpu;

import jmoo.devices.PhysicalMemory;

/**
 * The table-driven instruction decoder: one table row per opcode (one-byte and 0x0F-prefixed)
 * says whether a ModRM byte follows and which immediate. Prefixes (operand size, address size,
 * segment overrides, REP/REPNE, LOCK) are folded into the {@link Insn}. Unknown opcodes still
 * decode (so the executor raises #UD at the right EIP).
 */
abstract class Decoder extends Segments {
    static final int MODRM = 0x10;
    static final int I_NONE = 0, I_B = 1, I_W = 2, I_Z = 3, I_ENTER = 4, I_FAR = 5, I_MOFFS = 6, I_GRP3 = 7;

    /** Per opcode: MODRM flag | immediate kind. Index 0x100.. for 0x0F xx. */
    static final byte[] FORMS = new byte[512];

    private static void form(int op, int flagsAndImm) {
        FORMS[op] = (byte) flagsAndImm;
    }

    private static void forms(int first, int last, int flagsAndImm) {
        for (int op = first; op <= last; op++) {
            form(op, flagsAndImm);
        }
    }

    static {
        for (int row = 0; row < 8; row++) { // ALU ops 00-3F: Eb,Gb Ev,Gv Gb,Eb Gv,Ev AL,ib eAX,iz
            int b = row * 8;
            forms(b, b + 3, MODRM);
            form(b + 4, I_B);
            form(b + 5, I_Z);
        }
        forms(0x62, 0x63, MODRM);
        form(0x68, I_Z);
        form(0x69, MODRM | I_Z);
        form(0x6A, I_B);
        form(0x6B, MODRM | I_B);
        forms(0x70, 0x7F, I_B);
        form(0x80, MODRM | I_B);
        form(0x81, MODRM | I_Z);
        forms(0x82, 0x83, MODRM | I_B);
        forms(0x84, 0x8F, MODRM);
        form(0x9A, I_FAR);
        forms(0xA0, 0xA3, I_MOFFS);
        form(0xA8, I_B);
        form(0xA9, I_Z);
        forms(0xB0, 0xB7, I_B);
        forms(0xB8, 0xBF, I_Z);
        forms(0xC0, 0xC1, MODRM | I_B);
        form(0xC2, I_W);
        forms(0xC4, 0xC5, MODRM);
        form(0xC6, MODRM | I_B);
        form(0xC7, MODRM | I_Z);
        form(0xC8, I_ENTER);
        form(0xCA, I_W);
        form(0xCD, I_B);
        forms(0xD0, 0xD3, MODRM);
        forms(0xD4, 0xD5, I_B);
        forms(0xD8, 0xDF, MODRM);
        forms(0xE0, 0xE7, I_B);
        forms(0xE8, 0xE9, I_Z);
        form(0xEA, I_FAR);
        form(0xEB, I_B);
        forms(0xF6, 0xF7, MODRM | I_GRP3);
        forms(0xFE, 0xFF, MODRM);

        forms(0x100, 0x103, MODRM);
        forms(0x118, 0x11F, MODRM);
        forms(0x120, 0x123, MODRM);
        forms(0x140, 0x14F, MODRM);
        forms(0x180, 0x18F, I_Z);
        forms(0x190, 0x19F, MODRM);
        form(0x1A3, MODRM);
        form(0x1A4, MODRM | I_B);
        form(0x1A5, MODRM);
        form(0x1AB, MODRM);
        form(0x1AC, MODRM | I_B);
        forms(0x1AD, 0x1AF, MODRM);
        forms(0x1B0, 0x1B7, MODRM);
        form(0x1BA, MODRM | I_B);
        forms(0x1BB, 0x1BF, MODRM);
        forms(0x1C0, 0x1C1, MODRM);
    }

    Decoder(PhysicalMemory memory) {
        super(memory);
    }

    /** Decodes the instruction at CS:eip (linear address lin); may raise #PF or #GP (too long). */
    final Insn decode(int lin) {
        Insn in = new Insn();
        decodedInstructions++;
        in.code32 = code32;
        int osize = code32 ? 2 : 1;
        boolean a32 = code32;
        int seg = -1;
        boolean lock = false;
        int p = 0;
        int b;
        for (;;) {
            b = fetchByte(lin, p++);
            switch (b) {
                case 0x26: seg = ES; continue;
                case 0x2E: seg = CS; continue;
                case 0x36: seg = SS; continue;
                case 0x3E: seg = DS; continue;
                case 0x64: seg = FS; continue;
                case 0x65: seg = GS; continue;
                case 0x66: osize = code32 ? 1 : 2; continue;
                case 0x67: a32 = !code32; continue;
                case 0xF0: lock = true; continue;
                case 0xF2: in.rep = 2; continue;
                case 0xF3: in.rep = 1; continue;
                default: break;
            }
            break;
        }
        int op = b;
        if (b == 0x0F) {
            op = 0x100 | fetchByte(lin, p++);
        }
        in.op = op;
        in.osize = osize;
        in.a32 = a32;
        in.segOverride = seg;
        in.seg = seg >= 0 ? seg : DS;
        int form = FORMS[op];
        if ((form & MODRM) != 0) {
            p = decodeModrm(in, lin, p, seg);
        }
        switch (form & 0xF) {
            case I_B: in.imm = (byte) fetchByte(lin, p++); break;
            case I_W: in.imm = fetchWord(lin, p); p += 2; break;
            case I_Z:
                if (osize == 2) { in.imm = fetchDword(lin, p); p += 4; } else { in.imm = (short) fetchWord(lin, p); p += 2; }
                break;
            case I_ENTER: in.imm = fetchWord(lin, p); in.imm2 = fetchByte(lin, p + 2); p += 3; break;
            case I_FAR:
                if (osize == 2) { in.imm = fetchDword(lin, p); p += 4; } else { in.imm = fetchWord(lin, p); p += 2; }
                in.imm2 = fetchWord(lin, p); p += 2;
                break;
            case I_MOFFS:
                if (a32) { in.disp = fetchDword(lin, p); p += 4; } else { in.disp = fetchWord(lin, p); p += 2; }
                break;
            case I_GRP3:
                if (in.reg < 2) {
                    if (op == 0xF6) { in.imm = (byte) fetchByte(lin, p++); }
                    else if (osize == 2) { in.imm = fetchDword(lin, p); p += 4; }
                    else { in.imm = (short) fetchWord(lin, p); p += 2; }
                }
                break;
            default: break;
        }
        if (p > 15) {
            throw fault(GP, 0);
        }
        in.len = p;
        if (lock && !lockable(in)) {
            in.op = UD_LOCK;
        }
        FastForms.classify(in);
        return in;
    }

    /** An opcode no instruction has: executes as #UD (a LOCK prefix where none is allowed). */
    static final int UD_LOCK = 0x1FF;

    /** LOCK is allowed only on read-modify-write instructions with a memory destination. */
    private static boolean lockable(Insn in) {
        if (!in.mem) {
            return false;
        }
        int op = in.op;
        if (op < 0x40) {
            return (op & 6) == 0 && (op & 0x38) != 0x38;
        }
        switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83: return in.reg != 7;
            case 0x86: case 0x87: return true;
            case 0xF6: case 0xF7: return in.reg == 2 || in.reg == 3;
            case 0xFE: case 0xFF: return in.reg < 2;
            case 0x1AB: case 0x1B3: case 0x1BB: case 0x1B0: case 0x1B1: case 0x1C0: case 0x1C1: return true;
            case 0x1BA: return in.reg >= 5;
            default: return false;
        }
    }

    private int decodeModrm(Insn in, int lin, int p, int seg) {
        int m = fetchByte(lin, p++);
        int mod = m >>> 6;
        in.reg = (m >>> 3) & 7;
        in.rm = m & 7;
        if (mod == 3) {
            in.mem = false;
            return p;
        }
        in.mem = true;
        int rm = m & 7;
        int defSeg = DS;
        if (in.a32) {
            if (rm == 4) {
                int sib = fetchByte(lin, p++);
                int base = sib & 7;
                int index = (sib >>> 3) & 7;
                in.scale = sib >>> 6;
                in.index = index == 4 ? ZERO_REG : index;
                if (base == 5 && mod == 0) {
                    in.base = ZERO_REG;
                    in.disp = fetchDword(lin, p);
                    p += 4;
                } else {
                    in.base = base;
                    if (base == ESP || base == EBP) defSeg = SS;
                }
            } else if (rm == 5 && mod == 0) {
                in.base = ZERO_REG;
                in.disp = fetchDword(lin, p);
                p += 4;
            } else {
                in.base = rm;
                if (rm == EBP) defSeg = SS;
            }
            if (mod == 1) { in.disp = (byte) fetchByte(lin, p++); }
            else if (mod == 2) { in.disp = fetchDword(lin, p); p += 4; }
        } else {
            switch (rm) {
                case 0: in.base = EBX; in.index = ESI; break;
                case 1: in.base = EBX; in.index = EDI; break;
                case 2: in.base = EBP; in.index = ESI; defSeg = SS; break;
                case 3: in.base = EBP; in.index = EDI; defSeg = SS; break;
                case 4: in.base = ESI; break;
                case 5: in.base = EDI; break;
                case 6:
                    if (mod == 0) { in.base = ZERO_REG; } else { in.base = EBP; defSeg = SS; }
                    break;
                default: in.base = EBX; break;
            }
            if (mod == 0 && rm == 6) { in.disp = fetchWord(lin, p); p += 2; }
            else if (mod == 1) { in.disp = (byte) fetchByte(lin, p++); }
            else if (mod == 2) { in.disp = (short) fetchWord(lin, p); p += 2; }
        }
        in.seg = seg >= 0 ? seg : defSeg;
        return p;
    }

    private int fetchByte(int lin, int p) {
        if (p >= 15) {
            throw fault(GP, 0);
        }
        if (Integer.compareUnsigned(eip + p, segLimit[CS]) > 0) {
            throw fault(GP, 0);
        }
        return fetch8(lin + p);
    }

    private int fetchWord(int lin, int p) {
        return fetchByte(lin, p) | fetchByte(lin, p + 1) << 8;
    }

    private int fetchDword(int lin, int p) {
        return fetchWord(lin, p) | fetchWord(lin, p + 2) << 16;
    }
}
