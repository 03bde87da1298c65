package jmoo.cli.bench;

import java.util.List;

/**
 * The guest shell script of `bench guest-disk`: on a disk that is a COW over a backing full of
 * data, {@code dd} reads the whole disk (every block misses to the backing), writes it with
 * {@code conv=fsync} (every block goes to the COW), and reads it again (every block from the
 * COW), dropping the guest's page cache before each phase. Each phase is bracketed by marker
 * lines the host timestamps ({@link PhaseClock}).
 */
final class DdScript {
    static final String BEGIN = "BENCH-BEGIN ";
    static final String END = "BENCH-END ";
    static final String DONE = "BENCH-DONE";

    /** One timed dd command. */
    record Phase(String name, String description, String command) {
    }

    private DdScript() {
    }

    static List<Phase> phases(String device, int mib) {
        String count = " bs=1M count=" + mib;
        return List.of(
                new Phase("read-backing", "sequential read, misses to the backing",
                        "dd if=" + device + " of=/dev/null" + count),
                new Phase("write-cow", "sequential write into the COW, conv=fsync",
                        "dd if=/dev/zero of=" + device + count + " conv=fsync"),
                new Phase("reread-cow", "sequential re-read of the written data",
                        "dd if=" + device + " of=/dev/null" + count));
    }

    /** The script text ({@code sh}; no command may fail the run before DONE is printed). */
    static String text(String device, int mib) {
        StringBuilder s = new StringBuilder();
        s.append("dropcaches() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; blockdev --flushbufs ")
                .append(device).append(" 2>/dev/null || true; }\n");
        for (Phase p : phases(device, mib)) {
            s.append("dropcaches\n");
            s.append("echo ").append(BEGIN).append(p.name()).append('\n');
            s.append("rc=0; ").append(p.command()).append(" 2>&1 || rc=$?\n");
            s.append("echo ").append(END).append(p.name()).append(" rc=$rc\n");
        }
        s.append("echo ").append(DONE).append('\n');
        return s.toString();
    }
}
