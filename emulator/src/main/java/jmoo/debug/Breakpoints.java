package jmoo.debug;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The debugger's breakpoints and write watchpoints. Software (Z0) and hardware (Z1) breakpoints
 * behave the same here (both compare EIP before an instruction executes; guest memory is never
 * patched with INT3); they are kept apart so the stop reply tells gdb which one hit.
 */
public final class Breakpoints {
    private final Set<Integer> software = new HashSet<>();
    private final Set<Integer> hardware = new HashSet<>();
    private final List<Watchpoint> writeWatches = new ArrayList<>();

    public void addSoftware(int address) {
        software.add(address);
    }

    public boolean removeSoftware(int address) {
        return software.remove(address);
    }

    public void addHardware(int address) {
        hardware.add(address);
    }

    public boolean removeHardware(int address) {
        return hardware.remove(address);
    }

    public void addWriteWatch(Watchpoint w) {
        writeWatches.add(w);
    }

    public boolean removeWriteWatch(Watchpoint w) {
        return writeWatches.remove(w);
    }

    public boolean isSoftware(int address) {
        return software.contains(address);
    }

    public boolean isHardware(int address) {
        return hardware.contains(address);
    }

    public List<Watchpoint> writeWatches() {
        return List.copyOf(writeWatches);
    }

    /** True when nothing needs checking between instructions, so the target may run freely. */
    public boolean isEmpty() {
        return software.isEmpty() && hardware.isEmpty() && writeWatches.isEmpty();
    }

    public void clear() {
        software.clear();
        hardware.clear();
        writeWatches.clear();
    }
}
