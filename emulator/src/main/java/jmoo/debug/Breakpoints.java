package jmoo.debug;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The debugger's breakpoints and watchpoints. Software (Z0) and hardware (Z1) breakpoints
 * behave the same here (both compare EIP before an instruction executes; guest memory is never
 * patched with INT3); they are kept apart so the stop reply tells gdb which one hit. Watchpoints
 * (Z2-Z4) are checked by the target as it runs ({@link DebugTarget#setWatchpoints}).
 */
public final class Breakpoints {
    private final Set<Integer> software = new HashSet<>();
    private final Set<Integer> hardware = new HashSet<>();
    private final List<Watchpoint> watches = new ArrayList<>();

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

    public void addWatch(Watchpoint w) {
        watches.add(w);
    }

    public boolean removeWatch(Watchpoint w) {
        return watches.remove(w);
    }

    public boolean isSoftware(int address) {
        return software.contains(address);
    }

    public boolean isHardware(int address) {
        return hardware.contains(address);
    }

    public List<Watchpoint> watches() {
        return List.copyOf(watches);
    }

    /** True when EIP must be compared before each instruction (else the target may run in slices). */
    public boolean hasCodeBreakpoints() {
        return !software.isEmpty() || !hardware.isEmpty();
    }

    /** Every code breakpoint's address, software and hardware alike. */
    public int[] codeAddresses() {
        return java.util.stream.Stream.concat(software.stream(), hardware.stream()).mapToInt(Integer::intValue).distinct().toArray();
    }

    public void clear() {
        software.clear();
        hardware.clear();
        watches.clear();
    }
}
