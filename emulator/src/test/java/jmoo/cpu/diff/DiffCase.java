package jmoo.cpu.diff;

import java.util.HexFormat;

/** One generated case: the encoded instruction and its inputs, reproducible from form, seed and index. */
final class DiffCase {
    final Form form;
    final long seed;
    /** The instruction as the emulator runs it (32-bit code segment). */
    final byte[] bytes;
    /** The same operation as the host runs it (differs only for 16-bit addressing). */
    final byte[] hostBytes;
    /**
     * For 16-bit addressing cases: the base the emulator's data and stack segments need so that
     * the 16-bit effective address lands on the window operand; null otherwise.
     */
    final Integer segmentBase;
    final MachineState in;
    /** ModRM reg register (or the register in the opcode), -1 when none. */
    final int regField;
    /** ModRM r/m register when mod = 3, else -1. */
    final int rmReg;
    /** Offset of the memory operand in the data window, -1 when the case has none. */
    final int memOffset;
    final int imm;
    /** The flag-reading instruction that follows in a pair case, or null for a single instruction. */
    final FlagConsumer consumer;

    DiffCase(Form form, long seed, byte[] bytes, byte[] hostBytes, MachineState in, int regField, int rmReg,
            int memOffset, int imm, Integer segmentBase) {
        this.form = form;
        this.seed = seed;
        this.bytes = bytes;
        this.hostBytes = hostBytes;
        this.segmentBase = segmentBase;
        this.consumer = null;
        this.in = in;
        this.regField = regField;
        this.rmReg = rmReg;
        this.memOffset = memOffset;
        this.imm = imm;
    }

    private DiffCase(DiffCase first, FlagConsumer consumer) {
        this.form = first.form;
        this.seed = first.seed;
        this.bytes = concat(first.bytes, consumer.bytes);
        this.hostBytes = concat(first.hostBytes, consumer.bytes);
        this.segmentBase = first.segmentBase;
        this.in = first.in;
        this.regField = first.regField;
        this.rmReg = first.rmReg;
        this.memOffset = first.memOffset;
        this.imm = first.imm;
        this.consumer = consumer;
        this.windowAddressHint = first.windowAddressHint;
    }

    /** This case followed by {@code consumer}, which reads the flags it produced. */
    DiffCase followedBy(FlagConsumer consumer) {
        return new DiffCase(this, consumer);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The arithmetic flags to compare after the case (the form's rule, then the consumer's). */
    int comparedFlags() {
        int first = form.flags.defined(this);
        return consumer == null ? first : consumer.comparedAfter(first);
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

    String hexHostBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(hostBytes);
    }

    /** Inputs as a reader reproduces them: bytes, registers, flags and the memory operand. */
    String describeInputs() {
        StringBuilder sb = new StringBuilder();
        sb.append(form.name).append(consumer == null ? "" : " followed by " + consumer.name).append("  bytes [").append(hexBytes()).append("]  seed ")
                .append(Long.toHexString(seed)).append('\n');
        if (segmentBase != null) {
            sb.append(String.format("  16-bit addressing: emulator segment bases %08x; host runs [%s] (after 0x67)%n",
                    segmentBase, hexHostBytes()));
        }
        sb.append("  in : ").append(Registers.format(in.regs)).append("  flags ").append(Flags.names(in.eflags));
        if (memOffset >= 0) {
            sb.append(String.format("%n  mem operand at window+0x%x = 0x%x (window at linear 0x%x)", memOffset,
                    in.readMem(memOffset, form.rmSize), windowAddressHint));
        }
        return sb.toString();
    }

    /** Set by the generator for messages only. */
    long windowAddressHint;
}
