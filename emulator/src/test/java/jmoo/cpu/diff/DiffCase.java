package jmoo.cpu.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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
    /** Instructions that follow this one and run with it in one block (empty for a single instruction). */
    final List<Follower> followers;

    /** An instruction appended to a case; it runs on whatever state the ones before it left. */
    interface Follower {
        String name();

        byte[] guestBytes();

        /** Bytes for the host: register-only instructions, 0x67 included where it matters. */
        byte[] hostBytes();

        /** Arithmetic flags defined after this instruction, given those defined before it. */
        int comparedAfter(int definedBefore);
    }

    DiffCase(Form form, long seed, byte[] bytes, byte[] hostBytes, MachineState in, int regField, int rmReg,
            int memOffset, int imm, Integer segmentBase) {
        this.form = form;
        this.seed = seed;
        this.bytes = bytes;
        this.hostBytes = hostBytes;
        this.segmentBase = segmentBase;
        this.followers = List.of();
        this.in = in;
        this.regField = regField;
        this.rmReg = rmReg;
        this.memOffset = memOffset;
        this.imm = imm;
    }

    private DiffCase(DiffCase first, List<Follower> more) {
        this.form = first.form;
        this.seed = first.seed;
        byte[] guest = first.bytes;
        byte[] host = first.hostBytes;
        for (Follower f : more) {
            guest = concat(guest, f.guestBytes());
            host = concat(host, f.hostBytes());
        }
        this.bytes = guest;
        this.hostBytes = host;
        this.segmentBase = first.segmentBase;
        this.in = first.in;
        this.regField = first.regField;
        this.rmReg = first.rmReg;
        this.memOffset = first.memOffset;
        this.imm = first.imm;
        List<Follower> all = new ArrayList<>(first.followers);
        all.addAll(more);
        this.followers = List.copyOf(all);
        this.windowAddressHint = first.windowAddressHint;
    }

    /** This case followed by {@code more}, all run by the emulator in one run() call. */
    DiffCase followedBy(List<Follower> more) {
        return new DiffCase(this, more);
    }

    DiffCase followedBy(Follower next) {
        return new DiffCase(this, List.of(next));
    }

    /** True when the case is several instructions that the emulator runs as one block. */
    boolean runsAsBlock() {
        return !followers.isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The arithmetic flags to compare after the case (the form's rule, then each follower's). */
    int comparedFlags() {
        int defined = form.flags.defined(this);
        for (Follower f : followers) {
            defined = f.comparedAfter(defined);
        }
        return defined;
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
        sb.append(form.name);
        for (Follower f : followers) {
            sb.append("; ").append(f.name());
        }
        sb.append("  bytes [").append(hexBytes()).append("]  seed ")
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
