package jmoo.cpu.diff;

import static jmoo.cpu.diff.Flags.AF;
import static jmoo.cpu.diff.Flags.ARITH;
import static jmoo.cpu.diff.Flags.CF;
import static jmoo.cpu.diff.Flags.OF;
import static jmoo.cpu.diff.Flags.PF;
import static jmoo.cpu.diff.Flags.SF;
import static jmoo.cpu.diff.Flags.ZF;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A second instruction that reads flags the first one of a pair produced: it catches lazy-flag
 * evaluation that is right when EFLAGS is materialised but wrong when a later instruction reads a
 * condition directly. It only reads flags the first instruction defined for that case.
 */
final class FlagConsumer implements DiffCase.Follower {
    /** Flags read by condition codes 0/1 (O), 2/3 (B), ... 14/15 (LE). */
    private static final int[] CONDITION_READS = {OF, CF, ZF, CF | ZF, SF, PF, SF | OF, ZF | SF | OF};
    private static final String[] CC = {"O", "NO", "B", "AE", "E", "NE", "BE", "A", "S", "NS", "P", "NP",
        "L", "GE", "LE", "G"};

    final String name;
    final byte[] bytes;
    /** Flags whose values the consumer uses. */
    final int reads;
    /** Arithmetic flags the consumer itself defines (the rest keep the first instruction's values). */
    final int writes;

    private FlagConsumer(String name, int reads, int writes, int... bytes) {
        this.name = name;
        this.reads = reads;
        this.writes = writes;
        this.bytes = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            this.bytes[i] = (byte) bytes[i];
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] guestBytes() {
        return bytes;
    }

    @Override
    public byte[] hostBytes() {
        return bytes;
    }

    /** Flags to compare after the pair, given those the first instruction defined. */
    @Override
    public int comparedAfter(int firstDefined) {
        return writes | firstDefined & ~writes;
    }

    /** A random consumer that reads only flags in {@code defined}, or null when none fits. */
    static FlagConsumer pick(Random rnd, int defined, boolean lahfAvailable) {
        List<FlagConsumer> fits = new ArrayList<>();
        for (FlagConsumer c : candidates(rnd, lahfAvailable)) {
            if ((c.reads & ~defined) == 0) {
                fits.add(c);
            }
        }
        return fits.isEmpty() ? null : fits.get(rnd.nextInt(fits.size()));
    }

    private static List<FlagConsumer> candidates(Random rnd, boolean lahfAvailable) {
        List<FlagConsumer> list = new ArrayList<>();
        int cc = rnd.nextInt(16);
        int reads = CONDITION_READS[cc >> 1];
        int r8 = rnd.nextInt(8);
        int a = register(rnd);
        int b = register(rnd);
        list.add(new FlagConsumer("SET" + CC[cc] + " r8", reads, 0, 0x0F, 0x90 + cc, 0xC0 | r8));
        list.add(new FlagConsumer("J" + CC[cc] + " +5; mov eax, imm32", reads, 0, 0x70 + cc, 5, 0xB8, 0x11, 0x22, 0x33,
                0x44));
        list.add(new FlagConsumer("CMOV" + CC[cc] + " r32, r32", reads, 0, 0x0F, 0x40 + cc, 0xC0 | a << 3 | b));
        list.add(new FlagConsumer("ADC r32, r32", CF, ARITH, 0x11, 0xC0 | a << 3 | b));
        list.add(new FlagConsumer("SBB r32, r32", CF, ARITH, 0x19, 0xC0 | a << 3 | b));
        list.add(new FlagConsumer("RCL r32, 1", CF, CF | OF, 0xD1, 0xD0 | b));
        list.add(new FlagConsumer("INC r32 (keeps CF)", 0, ARITH & ~CF, 0xFF, 0xC0 | b));
        if (lahfAvailable) {
            list.add(new FlagConsumer("LAHF", SF | ZF | AF | PF | CF, 0, 0x9F));
        }
        return list;
    }

    private static int register(Random rnd) {
        int r = rnd.nextInt(7);
        return r >= 4 ? r + 1 : r;
    }
}
