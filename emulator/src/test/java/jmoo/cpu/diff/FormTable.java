package jmoo.cpu.diff;

import static jmoo.cpu.diff.Form.Imm.COUNT8;
import static jmoo.cpu.diff.Form.Imm.I16;
import static jmoo.cpu.diff.Form.Imm.I32;
import static jmoo.cpu.diff.Form.Imm.I8;
import static jmoo.cpu.diff.Form.Imm.SKIP32;
import static jmoo.cpu.diff.Form.Imm.SKIP8;
import static jmoo.cpu.diff.Form.Rm.ANY;
import static jmoo.cpu.diff.Form.Rm.MEM;
import static jmoo.cpu.diff.Form.form;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The user-level instruction forms whose 32-bit semantics the host can reproduce in 64-bit mode,
 * one row per opcode, operand size and operand kind. The differential tests are generated from
 * these rows. INC/DEC 40+r/48+r (REX prefixes in 64-bit mode) and 82 run on the host as their
 * FF /0, FF /1 and 80 equivalents. Left out: stack operations and the opcodes 64-bit mode lacks
 * (BCD adjusts, PUSHA, BOUND, INTO, far transfers); BcdAdjustTest, StackOperationsTest,
 * ControlTransferTest and LegacyEncodingTest check those against the manual.
 */
final class FormTable {
    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
    private static final String[] GROUP2 = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
    private static final String[] CC = {"O", "NO", "B", "AE", "E", "NE", "BE", "A", "S", "NS", "P", "NP",
        "L", "GE", "LE", "G"};
    private static final int[] WIDE = {16, 32};

    private final List<Form> forms = new ArrayList<>();

    private FormTable() {
    }

    static List<Form> all() {
        FormTable t = new FormTable();
        t.alu();
        t.group2();
        t.group3AndIncDec();
        t.multiplyAndDivide();
        t.bitOperations();
        t.conditionals();
        t.moves();
        t.exchanges();
        t.conversionsAndFlags();
        t.strings();
        return Collections.unmodifiableList(t.forms);
    }

    private void add(Form.Builder b) {
        forms.add(b.build());
    }

    private static String hex(int... bytes) {
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b));
        }
        return sb.toString();
    }

    private static Form.Imm immFor(int size) {
        return size == 8 ? I8 : size == 16 ? I16 : I32;
    }

    private void alu() {
        for (int op = 0; op < 8; op++) {
            String n = ALU[op];
            Form.FlagRule f = op == 1 || op == 4 || op == 6 ? FlagRules.LOGIC : FlagRules.ALL;
            int b = op * 8;
            add(form(n + " r/m8, r8 [" + hex(b) + "]").op(b).size(8).modrm(ANY).flags(f).lockable(op != 7));
            add(form(n + " r8, r/m8 [" + hex(b + 2) + "]").op(b + 2).size(8).modrm(ANY).flags(f));
            add(form(n + " AL, imm8 [" + hex(b + 4) + "]").op(b + 4).size(8).imm(I8).flags(f));
            add(form(n + " r/m8, imm8 [80 /" + op + "]").op(0x80).digit(op).size(8).modrm(ANY).imm(I8).flags(f)
                    .lockable(op != 7));
            add(form(n + " r/m8, imm8 [82 /" + op + "]").op(0x82).digit(op).size(8).modrm(ANY).imm(I8).flags(f)
                    .lockable(op != 7).hostOpcode(0x80)); // an alias of 80 that 64-bit mode dropped
            for (int s : WIDE) {
                add(form(n + " r/m" + s + ", r" + s + " [" + hex(b + 1) + "]").op(b + 1).size(s).modrm(ANY).flags(f)
                        .lockable(op != 7));
                add(form(n + " r" + s + ", r/m" + s + " [" + hex(b + 3) + "]").op(b + 3).size(s).modrm(ANY).flags(f));
                add(form(n + " eAX" + s + ", imm [" + hex(b + 5) + "]").op(b + 5).size(s).imm(immFor(s)).flags(f));
                add(form(n + " r/m" + s + ", imm [81 /" + op + "]").op(0x81).digit(op).size(s).modrm(ANY)
                        .imm(immFor(s)).flags(f).lockable(op != 7));
                add(form(n + " r/m" + s + ", simm8 [83 /" + op + "]").op(0x83).digit(op).size(s).modrm(ANY)
                        .imm(I8).flags(f).lockable(op != 7));
            }
        }
    }

    private void group2() {
        for (int g = 0; g < 8; g++) {
            for (int s : new int[] {8, 16, 32}) {
                int base = s == 8 ? 0 : 1;
                String n = GROUP2[g] + " r/m" + s;
                Form.FlagRule f = FlagRules.group2(g, s);
                add(form(n + ", 1 [" + hex(0xD0 + base) + " /" + g + "]").op(0xD0 + base).digit(g).size(s)
                        .modrm(ANY).countOne().flags(f));
                add(form(n + ", CL [" + hex(0xD2 + base) + " /" + g + "]").op(0xD2 + base).digit(g).size(s)
                        .modrm(ANY).countInCl().flags(f));
                add(form(n + ", imm8 [" + hex(0xC0 + base) + " /" + g + "]").op(0xC0 + base).digit(g).size(s)
                        .modrm(ANY).imm(COUNT8).flags(f));
            }
        }
    }

    private void group3AndIncDec() {
        for (int s : new int[] {8, 16, 32}) {
            int f6 = s == 8 ? 0xF6 : 0xF7;
            int fe = s == 8 ? 0xFE : 0xFF;
            add(form("NOT r/m" + s + " [" + hex(f6) + " /2]").op(f6).digit(2).size(s).modrm(ANY).lockable(true));
            add(form("NEG r/m" + s + " [" + hex(f6) + " /3]").op(f6).digit(3).size(s).modrm(ANY).lockable(true));
            add(form("INC r/m" + s + " [" + hex(fe) + " /0]").op(fe).digit(0).size(s).modrm(ANY).lockable(true));
            add(form("DEC r/m" + s + " [" + hex(fe) + " /1]").op(fe).digit(1).size(s).modrm(ANY).lockable(true));
            if (s != 8) {
                // one-byte forms: REX prefixes in 64-bit mode, so the host runs FF /0 or FF /1
                add(form("INC r" + s + " [40+r]").op(0x40).regInOpcode().size(s).hostOpcode(0xFF, 0xC0));
                add(form("DEC r" + s + " [48+r]").op(0x48).regInOpcode().size(s).hostOpcode(0xFF, 0xC8));
            }
            add(form("TEST r/m" + s + ", imm [" + hex(f6) + " /0]").op(f6).digit(0).size(s).modrm(ANY)
                    .imm(immFor(s)).flags(FlagRules.LOGIC));
            add(form("TEST r/m" + s + ", r" + s + " [" + hex(s == 8 ? 0x84 : 0x85) + "]").op(s == 8 ? 0x84 : 0x85)
                    .size(s).modrm(ANY).flags(FlagRules.LOGIC));
            add(form("TEST acc" + s + ", imm [" + hex(s == 8 ? 0xA8 : 0xA9) + "]").op(s == 8 ? 0xA8 : 0xA9)
                    .size(s).imm(immFor(s)).flags(FlagRules.LOGIC));
        }
    }

    private void multiplyAndDivide() {
        for (int s : new int[] {8, 16, 32}) {
            int f6 = s == 8 ? 0xF6 : 0xF7;
            add(form("MUL r/m" + s + " [" + hex(f6) + " /4]").op(f6).digit(4).size(s).modrm(ANY)
                    .flags(FlagRules.MULTIPLY));
            add(form("IMUL r/m" + s + " [" + hex(f6) + " /5]").op(f6).digit(5).size(s).modrm(ANY)
                    .flags(FlagRules.MULTIPLY));
            add(form("DIV r/m" + s + " [" + hex(f6) + " /6]").op(f6).digit(6).size(s).modrm(ANY).pin(0, 2)
                    .flags(FlagRules.DIVIDE).setup(Setups.divide(s, false)).fault(Setups.divideError(s, false)));
            add(form("IDIV r/m" + s + " [" + hex(f6) + " /7]").op(f6).digit(7).size(s).modrm(ANY).pin(0, 2)
                    .flags(FlagRules.DIVIDE).setup(Setups.divide(s, true)).fault(Setups.divideError(s, true)));
        }
        for (int s : WIDE) {
            add(form("IMUL r" + s + ", r/m" + s + " [0F AF]").op(0x0F, 0xAF).size(s).modrm(ANY)
                    .flags(FlagRules.MULTIPLY));
            add(form("IMUL r" + s + ", r/m" + s + ", imm [69]").op(0x69).size(s).modrm(ANY).imm(immFor(s))
                    .flags(FlagRules.MULTIPLY));
            add(form("IMUL r" + s + ", r/m" + s + ", simm8 [6B]").op(0x6B).size(s).modrm(ANY).imm(I8)
                    .flags(FlagRules.MULTIPLY));
        }
    }

    private void bitOperations() {
        String[] names = {"BT", "BTS", "BTR", "BTC"};
        int[] regForms = {0xA3, 0xAB, 0xB3, 0xBB};
        for (int s : WIDE) {
            for (int i = 0; i < 4; i++) {
                add(form(names[i] + " r/m" + s + ", r" + s + " [0F " + hex(regForms[i]) + "]").op(0x0F, regForms[i])
                        .size(s).modrm(ANY).regFieldPinned().flags(FlagRules.BIT_TEST).lockable(i > 0)
                        .setup(Setups.bitOffsetNearOperand(s)));
                add(form(names[i] + " r/m" + s + ", imm8 [0F BA /" + (4 + i) + "]").op(0x0F, 0xBA).digit(4 + i)
                        .size(s).modrm(ANY).imm(I8).flags(FlagRules.BIT_TEST).lockable(i > 0));
            }
            add(form("BSF r" + s + ", r/m" + s + " [0F BC]").op(0x0F, 0xBC).size(s).modrm(ANY)
                    .flags(FlagRules.BIT_SCAN).setup(Setups.BIT_SCAN_SOURCE)
                    .undefinedRegs(Setups.BIT_SCAN_DESTINATION));
            add(form("BSR r" + s + ", r/m" + s + " [0F BD]").op(0x0F, 0xBD).size(s).modrm(ANY)
                    .flags(FlagRules.BIT_SCAN).setup(Setups.BIT_SCAN_SOURCE)
                    .undefinedRegs(Setups.BIT_SCAN_DESTINATION));
            add(form("SHLD r/m" + s + ", r" + s + ", imm8 [0F A4]").op(0x0F, 0xA4).size(s).modrm(ANY).imm(COUNT8)
                    .flags(FlagRules.doubleShift(s)).setup(Setups.doubleShiftCount(s)));
            add(form("SHLD r/m" + s + ", r" + s + ", CL [0F A5]").op(0x0F, 0xA5).size(s).modrm(ANY).countInCl()
                    .flags(FlagRules.doubleShift(s)).setup(Setups.doubleShiftCount(s)));
            add(form("SHRD r/m" + s + ", r" + s + ", imm8 [0F AC]").op(0x0F, 0xAC).size(s).modrm(ANY).imm(COUNT8)
                    .flags(FlagRules.doubleShift(s)).setup(Setups.doubleShiftCount(s)));
            add(form("SHRD r/m" + s + ", r" + s + ", CL [0F AD]").op(0x0F, 0xAD).size(s).modrm(ANY).countInCl()
                    .flags(FlagRules.doubleShift(s)).setup(Setups.doubleShiftCount(s)));
        }
    }

    private void conditionals() {
        for (int cc = 0; cc < 16; cc++) {
            add(form("SET" + CC[cc] + " r/m8 [0F " + hex(0x90 + cc) + "]").op(0x0F, 0x90 + cc).digit(0).size(8)
                    .modrm(ANY));
            for (int s : WIDE) {
                add(form("CMOV" + CC[cc] + " r" + s + ", r/m" + s + " [0F " + hex(0x40 + cc) + "]")
                        .op(0x0F, 0x40 + cc).size(s).modrm(ANY));
            }
            add(form("J" + CC[cc] + " rel8 [" + hex(0x70 + cc) + "]").op(0x70 + cc).imm(SKIP8));
            add(form("J" + CC[cc] + " rel32 [0F " + hex(0x80 + cc) + "]").op(0x0F, 0x80 + cc).imm(SKIP32));
        }
        add(form("JMP rel8 [EB]").op(0xEB).imm(SKIP8));
        add(form("JMP rel32 [E9]").op(0xE9).imm(SKIP32));
        String[] loops = {"LOOPNE", "LOOPE", "LOOP", "JECXZ"};
        for (int i = 0; i < 4; i++) {
            add(form(loops[i] + " rel8 [" + hex(0xE0 + i) + "]").op(0xE0 + i).imm(SKIP8).pin(1)
                    .setup(Setups.LOOP_COUNTER));
        }
    }

    private void moves() {
        add(form("MOV r/m8, r8 [88]").op(0x88).size(8).modrm(ANY));
        add(form("MOV r8, r/m8 [8A]").op(0x8A).size(8).modrm(ANY));
        add(form("MOV r/m8, imm8 [C6 /0]").op(0xC6).digit(0).size(8).modrm(ANY).imm(I8));
        add(form("MOV r8, imm8 [B0+r]").op(0xB0).regInOpcode().size(8).imm(I8));
        for (int s : WIDE) {
            add(form("MOV r/m" + s + ", r" + s + " [89]").op(0x89).size(s).modrm(ANY));
            add(form("MOV r" + s + ", r/m" + s + " [8B]").op(0x8B).size(s).modrm(ANY));
            add(form("MOV r/m" + s + ", imm [C7 /0]").op(0xC7).digit(0).size(s).modrm(ANY).imm(immFor(s)));
            add(form("MOV r" + s + ", imm [B8+r]").op(0xB8).regInOpcode().size(s).imm(immFor(s)));
            add(form("MOVZX r" + s + ", r/m8 [0F B6]").op(0x0F, 0xB6).size(s).rmSize(8).modrm(ANY));
            add(form("MOVSX r" + s + ", r/m8 [0F BE]").op(0x0F, 0xBE).size(s).rmSize(8).modrm(ANY));
            add(form("LEA r" + s + ", m [8D]").op(0x8D).size(s).modrm(MEM).addressIsResult());
        }
        add(form("MOVZX r32, r/m16 [0F B7]").op(0x0F, 0xB7).size(32).rmSize(16).modrm(ANY));
        add(form("MOVSX r32, r/m16 [0F BF]").op(0x0F, 0xBF).size(32).rmSize(16).modrm(ANY));
        add(form("BSWAP r32 [0F C8+r]").op(0x0F, 0xC8).regInOpcode().size(32));
    }

    private void exchanges() {
        add(form("XCHG r/m8, r8 [86]").op(0x86).size(8).modrm(ANY).lockable(true));
        add(form("XADD r/m8, r8 [0F C0]").op(0x0F, 0xC0).size(8).modrm(ANY).lockable(true));
        add(form("CMPXCHG r/m8, r8 [0F B0]").op(0x0F, 0xB0).size(8).modrm(ANY).pin(0).lockable(true)
                .setup(Setups.accumulatorMatchesOperand(8)));
        for (int s : WIDE) {
            add(form("XCHG r/m" + s + ", r" + s + " [87]").op(0x87).size(s).modrm(ANY).lockable(true));
            add(form("XCHG eAX" + s + ", r" + s + " [90+r]").op(0x90).regInOpcode().size(s));
            add(form("XADD r/m" + s + ", r" + s + " [0F C1]").op(0x0F, 0xC1).size(s).modrm(ANY).lockable(true));
            add(form("CMPXCHG r/m" + s + ", r" + s + " [0F B1]").op(0x0F, 0xB1).size(s).modrm(ANY).pin(0).lockable(true)
                    .setup(Setups.accumulatorMatchesOperand(s)));
        }
    }

    private void conversionsAndFlags() {
        add(form("CBW [66 98]").op(0x98).size(16));
        add(form("CWDE [98]").op(0x98).size(32));
        add(form("CWD [66 99]").op(0x99).size(16));
        add(form("CDQ [99]").op(0x99).size(32));
        add(form("XLAT [D7]").op(0xD7).size(8).pin(3).implicitMemory().setup(Setups.XLAT_TABLE));
        add(form("CMC [F5]").op(0xF5));
        add(form("CLC [F8]").op(0xF8));
        add(form("STC [F9]").op(0xF9));
        add(form("CLD [FC]").op(0xFC));
        add(form("STD [FD]").op(0xFD));
        add(form("NOP [90]").op(0x90));
        if (hostHasLahfInLongMode()) {
            add(form("LAHF [9F]").op(0x9F));
            add(form("SAHF [9E]").op(0x9E));
        }
    }

    /** LAHF/SAHF are #UD in 64-bit mode unless CPUID reports LAHF-SAHF (flag lahf_lm). */
    static boolean hostHasLahfInLongMode() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" lahf_lm");
        } catch (IOException e) {
            return false;
        }
    }

    private void strings() {
        String[][] ops = {{"MOVS", "A4", "M"}, {"CMPS", "A6", "C"}, {"STOS", "AA", "T"}, {"LODS", "AC", "L"},
            {"SCAS", "AE", "S"}};
        for (String[] o : ops) {
            int opcode = Integer.parseInt(o[1], 16);
            char kind = o[2].charAt(0);
            boolean compares = kind == 'C' || kind == 'S';
            for (int s : new int[] {8, 16, 32}) {
                int op = s == 8 ? opcode : opcode + 1;
                String suffix = s == 8 ? "B" : s == 16 ? "W" : "D";
                addString(o[0] + suffix, -1, op, s, kind);
                addString((compares ? "REPE " : "REP ") + o[0] + suffix, 0xF3, op, s, kind);
                if (compares) {
                    addString("REPNE " + o[0] + suffix, 0xF2, op, s, kind);
                }
            }
        }
    }

    private void addString(String name, int prefix, int op, int size, char kind) {
        int[] bytes = prefix < 0 ? new int[] {op} : new int[] {prefix, op};
        add(form(name + " [" + hex(bytes) + "]").op(bytes).size(size).pin(1, 6, 7).implicitMemory()
                .setup(Setups.string(size / 8, prefix >= 0, kind)));
    }
}
