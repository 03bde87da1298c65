package jmoo.cpu.diff;

import java.util.stream.Stream;

/** What the parameterized host comparisons share: the form list and one differential runner. */
final class DiffFixtures {
    private static Differential differential;
    private static Differential paged;

    private DiffFixtures() {
    }

    /** All forms of the table, as a JUnit method source. */
    static Stream<Form> forms() {
        return FormTable.all().stream();
    }

    /** The shared runner, or a skipped test on a host that is not x86-64 Linux. */
    static synchronized Differential differential() {
        if (differential == null) {
            differential = new Differential(NativeX86.sharedOrSkip(), false);
        }
        return differential;
    }

    /** A runner whose emulator has paging on, with the data window remapped. */
    static synchronized Differential pagedDifferential() {
        if (paged == null) {
            paged = new Differential(NativeX86.sharedOrSkip(), true);
        }
        return paged;
    }
}
