package jmoo.cpu;

/**
 * Instruction forms that compiled blocks run as direct {@link FastOps} calls although the
 * interpreter runs them through its generic switch (its fast switch stays small enough for
 * HotSpot to compile well; inside a compiled block size does not matter). Chosen from what a
 * Linux boot executes most outside the {@link FastForms}: constant shifts, IMUL, MOVZX/MOVSX,
 * NEG/NOT/TEST, 16-bit moves and tests, byte compares. Each method in FastOps that a form calls
 * must do exactly what the generic switch does for it ({@code CompiledBlockTest} compares).
 */
final class CompiledForms {
    static final int NONE = 0, SHIFT_IMM = 1, IMUL_IMM = 2, IMUL_RR = 3, MOVZX8_RR = 4, MOVSX8_RR = 5,
            MOVZX16_RR = 6, MOVSX16_RR = 7, MOVZX16_LOAD = 8, MOVSX16_LOAD = 9, MOVSX8_LOAD = 10, MOV_LOAD16 = 11,
            MOV_STORE16 = 12, MOV_STORE8_IMM = 13, NEG_R = 14, NOT_R = 15, TEST_IMM = 16, TEST16_RR = 17,
            ALU8_RR = 18, ALU8_R_IMM = 19, CMP8_MEM_IMM = 20;
    /** The ALU operation number FastOps' byte forms use for TEST. */
    static final int TEST = 8;

    private CompiledForms() {
    }

    /** The form of a generic instruction, or NONE; for ALU8 forms {@link #aluOp} gives the operation. */
    static int of(Insn in) {
        if (in.fast != FastForms.NONE || !in.a32 || in.rep != 0) {
            return NONE;
        }
        int op = in.op;
        if (in.osize == 1) {
            return sixteenBit(in, op);
        }
        if (op < 0x40 && (op & 7) <= 4 && (op & 7) != 1 && (op & 7) != 3) { // byte forms Eb,Gb / Gb,Eb / AL,ib
            return (op & 7) == 4 || !in.mem ? ((op & 7) == 4 ? ALU8_R_IMM : ALU8_RR) : NONE;
        }
        switch (op) {
            case 0xC1: case 0xD1:
                return !in.mem && in.reg >= 4 && shiftCount(in) != 0 ? SHIFT_IMM : NONE;
            case 0x69: case 0x6B: return in.mem ? NONE : IMUL_IMM;
            case 0x1AF: return in.mem ? NONE : IMUL_RR;
            case 0x1B6: return in.mem ? NONE : MOVZX8_RR;
            case 0x1BE: return in.mem ? MOVSX8_LOAD : MOVSX8_RR;
            case 0x1B7: return in.mem ? MOVZX16_LOAD : MOVZX16_RR;
            case 0x1BF: return in.mem ? MOVSX16_LOAD : MOVSX16_RR;
            case 0xC6: return in.mem && in.reg == 0 ? MOV_STORE8_IMM : NONE;
            case 0xF7:
                if (in.mem) return NONE;
                return in.reg <= 1 ? TEST_IMM : in.reg == 2 ? NOT_R : in.reg == 3 ? NEG_R : NONE;
            case 0x84: return in.mem ? NONE : ALU8_RR;
            case 0xA8: return ALU8_R_IMM;
            case 0x80: case 0x82:
                if (!in.mem) return ALU8_R_IMM;
                return in.reg == 7 ? CMP8_MEM_IMM : NONE;
            case 0xF6:
                if (in.reg > 1) return NONE;
                return in.mem ? CMP8_MEM_IMM : ALU8_R_IMM;
            default: return NONE;
        }
    }

    private static int sixteenBit(Insn in, int op) {
        switch (op) {
            case 0x8B: return in.mem ? MOV_LOAD16 : NONE;
            case 0x89: return in.mem ? MOV_STORE16 : NONE;
            case 0x85: return in.mem ? NONE : TEST16_RR;
            default: return NONE;
        }
    }

    /** The count of a constant shift (D1: 1), masked as the CPU does. */
    static int shiftCount(Insn in) {
        return (in.op == 0xD1 ? 1 : in.imm) & 31;
    }

    /** For ALU8 and CMP8 forms: the ALU operation (0 ADD .. 7 CMP) or {@link #TEST}. */
    static int aluOp(Insn in) {
        int op = in.op;
        if (op < 0x40) {
            return (op >>> 3) & 7;
        }
        switch (op) {
            case 0x84: case 0xA8: case 0xF6: return TEST;
            default: return in.reg; // 80/82 group 1
        }
    }

    /** For ALU8_RR: the destination and source byte registers (by the form's direction). */
    static int alu8Destination(Insn in) {
        return in.op < 0x40 && (in.op & 7) == 2 ? in.reg : in.rm;
    }

    static int alu8Source(Insn in) {
        return in.op < 0x40 && (in.op & 7) == 2 ? in.rm : in.reg;
    }

    /** For ALU8_R_IMM: AL for the short forms (04, 0C, ..., A8), else the r/m register. */
    static int alu8ImmRegister(Insn in) {
        return in.op < 0x40 || in.op == 0xA8 ? CpuState.EAX : in.rm;
    }

    static boolean canFault(int form) {
        switch (form) {
            case MOVZX16_LOAD: case MOVSX16_LOAD: case MOVSX8_LOAD: case MOV_LOAD16: case MOV_STORE16:
            case MOV_STORE8_IMM: case CMP8_MEM_IMM:
                return true;
            default:
                return false;
        }
    }

    static boolean stores(int form) {
        return form == MOV_STORE16 || form == MOV_STORE8_IMM;
    }
}
