package jmoo.cpu.diff;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws the cases of a form: random registers, flags and window bytes biased towards edge values,
 * a random encoding of the operands (register or memory with any 32-bit addressing mode whose
 * registers are solved so the operand lands in the data window), then the form's constraints.
 */
final class CaseGenerator {
    static final int[] EDGE8 = {0, 1, 2, 0x0F, 0x10, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF};
    static final int[] EDGE16 = {0, 1, 2, 0xFF, 0x100, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF};
    static final int[] EDGE32 = {0, 1, 2, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000,
        0x80000001, 0xFFFFFFFE, 0xFFFFFFFF};
    /** Counts around every operand size, and values the 5-bit mask must cut. */
    static final int[] COUNTS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 18, 24, 31, 32, 33, 40, 63, 64, 0x80, 0xFF};
    /** The window area operands land in; string ops and bit offsets stay within +-1 KiB of it. */
    static final int OPERAND_AREA_START = 1024;
    static final int OPERAND_AREA_SIZE = 2048;

    private final long window;

    CaseGenerator(long windowAddress) {
        this.window = windowAddress;
    }

    DiffCase generate(Form form, long seed) {
        Draft d = new Draft(form, new Random(seed), window);
        d.randomise();
        d.chooseOperands();
        form.setup.apply(d);
        if (d.memOffset >= 0) {
            if (form.addressIsResult || d.rnd.nextInt(4) != 0 || !d.address16()) {
                d.solveAddress();
            }
        }
        d.choosePrefixes();
        DiffCase c = new DiffCase(form, seed, d.encode(false), d.encode(true), d.s, d.regField, d.rmReg, d.memOffset,
                d.imm, d.address16 ? d.linear(d.memOffset) - d.ea16 : null);
        c.windowAddressHint = window;
        return c;
    }

    /** A case under construction; form setups adjust it through these methods. */
    static final class Draft {
        final Form form;
        final Random rnd;
        final MachineState s = new MachineState();
        final long window;
        int regField = -1;
        int rmReg = -1;
        int memOffset = -1;
        int imm;
        private int mod;
        private int rmField;
        private int sib = -1;
        private int disp;
        private int skipValue;
        private boolean address16;
        /** Prefixes in the order both encodings use: the form's own (66, F2, F3) plus LOCK/segment. */
        private int[] prefixes;
        private int opcodeStart;
        private int ea16;

        Draft(Form form, Random rnd, long window) {
            this.form = form;
            this.rnd = rnd;
            this.window = window;
        }

        void randomise() {
            for (int i = 0; i < 8; i++) {
                s.regs[i] = i == 4 ? 0 : value32();
            }
            s.eflags = rnd.nextInt() & Flags.TESTED;
            rnd.nextBytes(s.window);
        }

        void chooseOperands() {
            if (form.regInOpcode || form.hasModrm() && form.digit < 0) {
                regField = pickRegister(form.regSize);
                if (rnd.nextBoolean()) {
                    s.writeReg(regField, form.regSize, edge(form.regSize));
                }
            }
            boolean memory = form.rm == Form.Rm.MEM || form.rm == Form.Rm.ANY && rnd.nextBoolean();
            if (memory) {
                memOffset = rnd.nextInt(8) == 0 ? NativeX86.PAGE_BOUNDARY - 1 - rnd.nextInt(3)
                        : OPERAND_AREA_START + rnd.nextInt(OPERAND_AREA_SIZE); // 1 in 8 straddles a page boundary
                if (rnd.nextBoolean()) {
                    s.writeMem(memOffset, form.rmSize, edge(form.rmSize));
                }
            } else if (form.hasModrm()) {
                rmReg = pickRegister(form.rmSize);
                if (rnd.nextBoolean()) {
                    s.writeReg(rmReg, form.rmSize, edge(form.rmSize));
                }
            }
            switch (form.imm) {
                case I8: imm = rnd.nextBoolean() ? edge(8) : rnd.nextInt(256); break;
                case I16: imm = rnd.nextBoolean() ? edge(16) : rnd.nextInt(0x10000); break;
                case I32: imm = rnd.nextBoolean() ? edge(32) : rnd.nextInt(); break;
                case COUNT8: imm = edgeCount(); break;
                default: imm = 0;
            }
            if (form.countInCl) {
                s.writeReg(1, 8, edgeCount());
            }
            skipValue = rnd.nextInt();
        }

        /** A register number usable for an operand of {@code size} (never ESP/SP, AH..BH are fine). */
        int pickRegister(int size) {
            if (size == 8) {
                return rnd.nextInt(8);
            }
            int r = rnd.nextInt(7);
            return r >= 4 ? r + 1 : r;
        }

        int value32() {
            int k = rnd.nextInt(20);
            if (k < 10) {
                return rnd.nextInt();
            } else if (k < 14) {
                return EDGE32[rnd.nextInt(EDGE32.length)];
            } else if (k < 17) {
                return rnd.nextInt(600) - 300;
            } else {
                return rnd.nextInt() & ~0xFF | EDGE8[rnd.nextInt(EDGE8.length)];
            }
        }

        int edge(int size) {
            int[] table = size == 8 ? EDGE8 : size == 16 ? EDGE16 : EDGE32;
            return table[rnd.nextInt(table.length)];
        }

        int edgeCount() {
            return rnd.nextInt(4) == 0 ? rnd.nextInt(256) : COUNTS[rnd.nextInt(COUNTS.length)];
        }

        /** Linear address of a window offset, as both the host and the emulator's segments see it. */
        int linear(int windowOffset) {
            return (int) (window + windowOffset);
        }

        int readRm() {
            return rmReg >= 0 ? s.readReg(rmReg, form.rmSize) : s.readMem(memOffset, form.rmSize);
        }

        void writeRm(int value) {
            if (rmReg >= 0) {
                s.writeReg(rmReg, form.rmSize, value);
            } else {
                s.writeMem(memOffset, form.rmSize, value);
            }
        }

        /** Sets the shift count wherever the form takes it from (CL or the immediate). */
        void setCount(int count) {
            if (form.countInCl) {
                s.writeReg(1, 8, count);
            } else {
                imm = count & 0xFF;
            }
        }

        int count() {
            return form.countInCl ? s.regs[1] & 0xFF : imm & 0xFF;
        }

        void solveAddress() {
            int ea = linear(memOffset);
            int avoid = form.pinned | 1 << 4;
            if (form.regFieldPinned && regField >= 0) {
                avoid |= 1 << (form.regSize == 8 ? regField & 3 : regField);
            }
            mod = rnd.nextInt(3);
            int base;
            int index = -1;
            int scaleBits = 0;
            if (rnd.nextInt(3) != 0) {
                base = pickAddressRegister(avoid | (mod == 0 ? 1 << 5 : 0));
                rmField = base;
            } else {
                rmField = 4;
                index = rnd.nextInt(4) == 0 ? -1 : pickAddressRegister(avoid);
                scaleBits = rnd.nextInt(4);
                base = mod == 0 && rnd.nextInt(4) == 0 ? -1 : pickAddressRegister(avoid | (mod == 0 ? 1 << 5 : 0));
                if (index >= 0 && index == base && scaleBits == 0) {
                    scaleBits = 1; // base*(1+scale) must be solvable: 1+scale odd
                }
            }
            disp = mod == 1 ? (byte) rnd.nextInt() : mod == 2 ? rnd.nextInt() : 0;
            int scale = 1 << scaleBits;
            int indexValue = index >= 0 ? s.regs[index] : 0;
            if (base < 0) {
                disp = ea - indexValue * scale;
            } else if (index == base) {
                s.regs[base] = (ea - disp) * inverse(1 + scale);
            } else {
                s.regs[base] = ea - disp - indexValue * scale;
            }
            if (rmField == 4) {
                sib = scaleBits << 6 | (index < 0 ? 4 : index) << 3 | (base < 0 ? 5 : base);
            }
        }

        /**
         * The form's prefixes plus, now and then, LOCK (lockable forms with a memory destination
         * only: LOCK elsewhere is #UD, which would kill the host) and an ES/SS/DS override (64-bit
         * mode ignores them; in the guest those segments share one base), in a random order.
         */
        void choosePrefixes() {
            List<Integer> list = new ArrayList<>();
            opcodeStart = 0;
            while (opcodeStart < form.opcode.length - 1 && isPrefix(form.opcode[opcodeStart])) {
                list.add(form.opcode[opcodeStart++]);
            }
            if (form.lockable && memOffset >= 0 && rnd.nextInt(6) == 0) {
                list.add(0xF0);
            }
            if (rnd.nextInt(8) == 0) {
                list.add(new int[] {0x26, 0x36, 0x3E}[rnd.nextInt(3)]);
            }
            Collections.shuffle(list, rnd);
            prefixes = list.stream().mapToInt(Integer::intValue).toArray();
        }

        private static boolean isPrefix(int b) {
            return b == 0x66 || b == 0xF2 || b == 0xF3;
        }

        /**
         * A 16-bit addressing mode (0x67 in 32-bit code) over the random registers as they are; the
         * emulator's segment bases are set so the operand still lands in the window. The host runs
         * the same operation with an absolute 32-bit address, which it can encode. False (and no
         * 16-bit addressing) when the drawn address does not suit the form.
         */
        boolean address16() {
            mod = rnd.nextInt(3);
            rmField = rnd.nextInt(8);
            disp = mod == 1 ? (byte) rnd.nextInt() : mod == 2 || mod == 0 && rmField == 6 ? rnd.nextInt(0x10000) : 0;
            int[] r = s.regs;
            int bx = r[3] & 0xFFFF;
            int bp = r[5] & 0xFFFF;
            int si = r[6] & 0xFFFF;
            int di = r[7] & 0xFFFF;
            int[] bases = {bx + si, bx + di, bp + si, bp + di, si, di, mod == 0 ? 0 : bp, bx};
            ea16 = bases[rmField] + disp & 0xFFFF;
            // BT* with a register offset add up to +-128 bytes to the address, which then wraps at
            // 64 KiB in the emulator but not in the host's 32-bit equivalent: keep clear of the wrap
            address16 = !form.regFieldPinned || ea16 >= 256 && ea16 < 0x10000 - 256;
            return address16;
        }

        private int pickAddressRegister(int avoid) {
            while (true) {
                int r = rnd.nextInt(8);
                if ((avoid & 1 << r) == 0) {
                    return r;
                }
            }
        }

        private static int inverse(int odd) {
            int x = odd;
            for (int i = 0; i < 5; i++) {
                x *= 2 - odd * x;
            }
            return x;
        }

        /** The instruction for the emulator (32-bit code segment) or for the host (64-bit mode, 0x67 added later). */
        byte[] encode(boolean forHost) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (address16 && !forHost) {
                out.write(0x67);
            }
            for (int p : prefixes) {
                out.write(p);
            }
            int[] op = form.opcode;
            int from = opcodeStart;
            if (forHost && form.hostOpcode != null) {
                op = form.hostOpcode;
                from = 0;
            }
            for (int i = from; i < op.length; i++) {
                out.write(i == op.length - 1 && form.regInOpcode ? op[i] + regField : op[i]);
            }
            if (form.hasModrm()) {
                int reg = form.digit >= 0 ? form.digit : regField;
                if (rmReg >= 0) {
                    out.write(0xC0 | reg << 3 | rmReg);
                } else if (address16 && forHost) {
                    out.write(reg << 3 | 4);
                    out.write(0x25); // SIB: no index, no base: absolute disp32
                    writeLittleEndian(out, linear(memOffset), 4);
                } else if (address16) {
                    out.write(mod << 6 | reg << 3 | rmField);
                    boolean disp16 = mod == 2 || mod == 0 && rmField == 6;
                    writeLittleEndian(out, disp, mod == 1 ? 1 : disp16 ? 2 : 0);
                } else {
                    out.write(mod << 6 | reg << 3 | rmField);
                    if (sib >= 0) {
                        out.write(sib);
                    }
                    boolean disp32 = mod == 2 || mod == 0 && sib >= 0 && (sib & 7) == 5;
                    writeLittleEndian(out, disp, mod == 1 ? 1 : disp32 ? 4 : 0);
                }
            }
            writeLittleEndian(out, imm, form.immSize);
            if (form.imm == Form.Imm.SKIP8 || form.imm == Form.Imm.SKIP32) {
                writeLittleEndian(out, 5, form.imm == Form.Imm.SKIP8 ? 1 : 4);
                out.write(0xB8); // mov eax, imm32: runs only when the branch is not taken
                writeLittleEndian(out, skipValue, 4);
            }
            return out.toByteArray();
        }

        private static void writeLittleEndian(ByteArrayOutputStream out, int value, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write(value >>> 8 * i & 0xFF);
            }
        }
    }
}
