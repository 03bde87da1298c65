package jmoo.cpu;

/**
 * Picks, at decode time, a specialised execution form for the most frequent 32-bit
 * instructions (register moves, ALU operations, loads and stores, conditional jumps, stack and
 * call/return), so the executor's fast path needs no operand-size or addressing-form tests.
 * Everything else keeps {@code fast = 0} and goes through the generic opcode switch.
 */
final class FastForms {
    static final int NONE = 0, MOV_RR = 1, MOV_LOAD = 2, MOV_STORE = 3, ALU_RR = 4, ALU_LOAD = 5, ALU_IMM_R = 6,
            JCC = 7, INC_R = 8, DEC_R = 9, PUSH_R = 10, POP_R = 11, CALL = 12, RET = 13, JMP = 14, LEA = 15,
            TEST_RR = 16, MOVZX8_LOAD = 17, MOV_R_IMM = 18, ALU_IMM_M = 19, MOV_STORE_IMM = 20, MOV_LOAD8 = 21,
            MOV_STORE8 = 22, ALU_STORE = 23;

    private FastForms() {
    }

    static void classify(Insn in) {
        in.fast = form(in);
    }

    private static int form(Insn in) {
        if (in.osize != 2 || !in.a32 || in.rep != 0) {
            return NONE;
        }
        int op = in.op;
        if (op < 0x40 && (op & 7) < 6) {
            int form = op & 7;
            int aop = (op >>> 3) & 7;
            in.src = aop;
            switch (form) {
                case 1:
                    if (!in.mem) { in.dst = in.rm; in.imm2 = in.reg; return ALU_RR; }
                    return ALU_STORE;
                case 3:
                    if (!in.mem) { in.dst = in.reg; in.imm2 = in.rm; return ALU_RR; }
                    return ALU_LOAD;
                case 5: in.dst = CpuState.EAX; return ALU_IMM_R;
                default: return NONE;
            }
        }
        if (op >= 0x70 && op <= 0x7F) { in.dst = op & 0xF; return JCC; }
        if (op >= 0x180 && op <= 0x18F) { in.dst = op & 0xF; return JCC; }
        if (op >= 0x40 && op <= 0x47) { in.dst = op & 7; return INC_R; }
        if (op >= 0x48 && op <= 0x4F) { in.dst = op & 7; return DEC_R; }
        if (op >= 0x50 && op <= 0x57) { in.dst = op & 7; return PUSH_R; }
        if (op >= 0x58 && op <= 0x5F) { in.dst = op & 7; return POP_R; }
        if (op >= 0xB8 && op <= 0xBF) { in.dst = op & 7; return MOV_R_IMM; }
        switch (op) {
            case 0x81: case 0x83:
                in.src = in.reg;
                if (in.mem) return ALU_IMM_M;
                in.dst = in.rm;
                return ALU_IMM_R;
            case 0x85:
                if (in.mem) return NONE;
                in.dst = in.rm; in.imm2 = in.reg;
                return TEST_RR;
            case 0x88: return in.mem ? MOV_STORE8 : NONE;
            case 0x8A: return in.mem ? MOV_LOAD8 : NONE;
            case 0x89:
                if (in.mem) return MOV_STORE;
                in.dst = in.rm; in.src = in.reg;
                return MOV_RR;
            case 0x8B:
                if (in.mem) return MOV_LOAD;
                in.dst = in.reg; in.src = in.rm;
                return MOV_RR;
            case 0x8D: return in.mem ? LEA : NONE;
            case 0xC7: return in.mem && in.reg == 0 ? MOV_STORE_IMM : NONE;
            case 0xC3: return RET;
            case 0xE8: return CALL;
            case 0xE9: case 0xEB: return JMP;
            case 0x1B6: return in.mem ? MOVZX8_LOAD : NONE;
            default: return NONE;
        }
    }
}
