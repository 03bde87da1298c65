package jmoo.cpu.diff;

import java.util.HexFormat;

/** One generated case: the encoded instruction and its inputs, reproducible from form, seed and index. */
final class DiffCase {
    final Form form;
    final long seed;
    final byte[] bytes;
    final MachineState in;
    /** ModRM reg register (or the register in the opcode), -1 when none. */
    final int regField;
    /** ModRM r/m register when mod = 3, else -1. */
    final int rmReg;
    /** Offset of the memory operand in the data window, -1 when the case has none. */
    final int memOffset;
    final int imm;

    DiffCase(Form form, long seed, byte[] bytes, MachineState in, int regField, int rmReg, int memOffset, int imm) {
        this.form = form;
        this.seed = seed;
        this.bytes = bytes;
        this.in = in;
        this.regField = regField;
        this.rmReg = rmReg;
        this.memOffset = memOffset;
        this.imm = imm;
    }

    /** The shift or rotate count as the instruction sees it (before masking). */
    int count() {
        if (form.fixedCount >= 0) {
            return form.fixedCount;
        }
        return form.countInCl ? in.regs[1] & 0xFF : imm & 0xFF;
    }

    /** Value of the r/m operand on input. */
    int rmValue() {
        return rmReg >= 0 ? in.readReg(rmReg, form.rmSize) : in.readMem(memOffset, form.rmSize);
    }

    String hexBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Inputs as a reader reproduces them: bytes, registers, flags and the memory operand. */
    String describeInputs() {
        StringBuilder sb = new StringBuilder();
        sb.append(form.name).append("  bytes [").append(hexBytes()).append("]  seed ")
                .append(Long.toHexString(seed)).append('\n');
        sb.append("  in : ").append(Registers.format(in.regs)).append("  flags ").append(Flags.names(in.eflags));
        if (memOffset >= 0) {
            sb.append(String.format("%n  mem operand at window+0x%x = 0x%x (window at linear 0x%x)", memOffset,
                    in.readMem(memOffset, Math.max(form.rmSize, 8)) , windowAddressHint));
        }
        return sb.toString();
    }

    /** Set by the generator for messages only. */
    long windowAddressHint;
}
