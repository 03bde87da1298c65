package jmoo.cpu.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random straight-line sequences of 2 to 6 register-only instructions from the table, run by the
 * emulator as one block: decoded-block execution and lazy flags across several instructions.
 *
 * <p>Every instruction after the first runs on values the earlier ones computed, so only forms
 * that cannot fault, touch memory, or leave results undefined at run time may follow. Every
 * instruction but the last must define all arithmetic flags, so none reads an undefined flag.
 */
final class SequenceGenerator {
    private final CaseGenerator cases;
    private final List<Form> eligible = new ArrayList<>();

    SequenceGenerator(CaseGenerator cases) {
        this.cases = cases;
        for (Form f : FormTable.all()) {
            if (f.rm != Form.Rm.MEM && !f.implicitMemory && !f.canFault && !f.hasUndefinedRegs && !f.countInCl) {
                eligible.add(f);
            }
        }
    }

    DiffCase sequence(long seed) {
        Random rnd = new Random(seed);
        int length = 2 + rnd.nextInt(5);
        DiffCase first = step(rnd, length > 1);
        List<DiffCase.Follower> rest = new ArrayList<>();
        for (int i = 1; i < length; i++) {
            DiffCase c = step(rnd, i < length - 1);
            rest.add(new Step(c, c.form.flags.defined(c)));
        }
        return first.followedBy(rest);
    }

    private DiffCase step(Random rnd, boolean mustDefineAllFlags) {
        while (true) {
            Form f = eligible.get(rnd.nextInt(eligible.size()));
            DiffCase c = cases.generate(f, rnd.nextLong());
            if (c.memOffset < 0 && (!mustDefineAllFlags || f.flags.defined(c) == Flags.ARITH)) {
                return c;
            }
        }
    }

    /** A generated register-only case used for its encoding alone. */
    private static final class Step implements DiffCase.Follower {
        private final DiffCase c;
        private final int defined;

        Step(DiffCase c, int defined) {
            this.c = c;
            this.defined = defined;
        }

        @Override
        public String name() {
            return c.form.name;
        }

        @Override
        public byte[] guestBytes() {
            return c.bytes;
        }

        @Override
        public byte[] hostBytes() {
            byte[] b = new byte[c.hostBytes.length + 1];
            b[0] = 0x67; // LOOP/JECXZ count with ECX, as in 32-bit code
            System.arraycopy(c.hostBytes, 0, b, 1, c.hostBytes.length);
            return b;
        }

        @Override
        public int comparedAfter(int definedBefore) {
            return definedBefore == Flags.ARITH ? defined : defined & definedBefore;
        }
    }
}
