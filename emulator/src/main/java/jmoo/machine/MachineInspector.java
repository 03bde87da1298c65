package jmoo.machine;

import java.util.ArrayList;
import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.devices.PhysicalMemory;
import jmoo.replay.SystemMap;

/**
 * Human-readable views of a machine's state for the monitor and crash reports: registers,
 * the page-table mappings, recent instruction addresses with kernel symbols. Reads only.
 */
public final class MachineInspector {
    private static final String[] REG_NAMES = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};
    private static final String[] SEG_NAMES = {"ES", "CS", "SS", "DS", "FS", "GS"};
    private static final int CR0_PG = 0x80000000;
    private static final int PRESENT = 0x01;
    private static final int WRITABLE = 0x02;
    private static final int USER = 0x04;
    private static final int LARGE = 0x80;

    private final Machine machine;
    private final SystemMap symbols;

    /** @param symbols may be null */
    public MachineInspector(Machine machine, SystemMap symbols) {
        this.machine = machine;
        this.symbols = symbols;
    }

    /** "0xc1234567 symbol+0x12/0x40" or just the address. */
    public String address(int address) {
        return symbols == null ? String.format("0x%08x", address) : symbols.describe(address & 0xFFFFFFFFL);
    }

    public String registers() {
        Cpu cpu = machine.cpu();
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 8; r++) {
            sb.append(String.format("%s=%08x%s", REG_NAMES[r], cpu.reg(r), r % 4 == 3 ? "\n" : " "));
        }
        sb.append("EIP=").append(address(cpu.eip())).append(String.format(" EFLAGS=%08x%n", cpu.eflags()));
        for (int s = 0; s < 6; s++) {
            sb.append(String.format("%s=%04x base=%08x limit=%08x%n", SEG_NAMES[s], cpu.segSelector(s), cpu.segBase(s), cpu.segLimit(s)));
        }
        sb.append(String.format("CR0=%08x CR2=%08x CR3=%08x CR4=%08x%n", cpu.cr(0), cpu.cr(2), cpu.cr(3), cpu.cr(4)));
        sb.append(String.format("instructions=%d virtual time=%.6f s halted=%s last exception=%d (error code %d)",
                cpu.instructionCount(), machine.time().nanos() / 1e9, cpu.halted(), cpu.lastExceptionVector(),
                cpu.lastExceptionErrorCode()));
        return sb.toString();
    }

    /** The last executed instruction addresses, oldest first, at most {@code max}. */
    public String recentInstructions(int max) {
        int[] eips = machine.cpu().recentEips();
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, eips.length - max); i < eips.length; i++) {
            sb.append("  ").append(address(eips[i])).append('\n');
        }
        return sb.toString();
    }

    /**
     * The linear-to-physical mappings of the current page tables, merged into contiguous runs
     * with the same permissions ("identity (paging off)" when paging is disabled).
     */
    public String memoryMappings() {
        Cpu cpu = machine.cpu();
        if ((cpu.cr(0) & CR0_PG) == 0) {
            return String.format("paging off: linear = physical, RAM %d MiB", machine.memory().size() >> 20);
        }
        List<long[]> runs = new ArrayList<>(); // {linear, physical, length, flags}
        PhysicalMemory m = machine.memory();
        int dir = cpu.cr(3) & ~0xFFF;
        for (int pdi = 0; pdi < 1024; pdi++) {
            int pde = m.read32(dir + pdi * 4);
            if ((pde & PRESENT) == 0) {
                continue;
            }
            long linear = (long) pdi << 22;
            if ((pde & LARGE) != 0 && (cpu.cr(4) & 0x10) != 0) {
                addRun(runs, linear, pde & 0xFFC00000L, 1 << 22, pde & (WRITABLE | USER));
                continue;
            }
            int table = pde & ~0xFFF;
            for (int pti = 0; pti < 1024; pti++) {
                int pte = m.read32(table + pti * 4);
                if ((pte & PRESENT) != 0) {
                    addRun(runs, linear + ((long) pti << 12), pte & 0xFFFFF000L, 4096, pte & pde & (WRITABLE | USER));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (long[] r : runs) {
            sb.append(String.format("%08x-%08x -> %08x-%08x %s%s%n", r[0], r[0] + r[2], r[1], r[1] + r[2],
                    (r[3] & USER) != 0 ? "u" : "-", (r[3] & WRITABLE) != 0 ? "rw" : "r-"));
        }
        return sb.toString().stripTrailing();
    }

    private static void addRun(List<long[]> runs, long linear, long physical, long length, long flags) {
        if (!runs.isEmpty()) {
            long[] last = runs.get(runs.size() - 1);
            if (last[0] + last[2] == linear && last[1] + last[2] == physical && last[3] == flags) {
                last[2] += length;
                return;
            }
        }
        runs.add(new long[] {linear, physical, length, flags});
    }

    /** A crash report: why, the registers, and where the CPU has just been. */
    public String crashReport(String reason) {
        return "jmoo: guest crash: " + reason + "\n" + registers() + "\nlast instructions (oldest first):\n"
                + recentInstructions(16);
    }
}
