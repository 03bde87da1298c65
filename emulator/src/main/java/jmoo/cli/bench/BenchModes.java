package jmoo.cli.bench;

import java.util.List;

/** The registry of `./jmoo bench` sub-modes, in the order `--help` lists them. Add a mode here. */
final class BenchModes {
    private BenchModes() {
    }

    static List<BenchMode> all() {
        return List.of(new DiskBench(), new CpuBench(), new BootBench(), new GuestDiskBench(), new RecordBench());
    }
}
