package jmoo.debug;

import java.util.ArrayList;
import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.cpu.DebugHooks;
import jmoo.cpu.StopReason;
import jmoo.devices.PhysicalMemory;

/**
 * A bare {@link Cpu} and its RAM as a {@link DebugTarget}, through the CPU's public API only.
 * Memory is addressed linearly (through the guest's page tables when paging is on); debugger
 * writes tell the memory, so decoded code of the written bytes is dropped. Segment registers
 * are read-only here (the API loads no selector); writing the value they already hold is allowed.
 * A HLT is a stop (nothing here can wake the CPU); a machine-level target advances time instead.
 */
public final class CpuDebugTarget implements DebugTarget {
    private static final int PAGE = 4096;

    private final Cpu cpu;
    private final PhysicalMemory memory;
    private List<Watchpoint> watchpoints = List.of();
    /** The CPU's watches, in the order of {@link #watchpoints}. */
    private List<DebugHooks.Watch> installed = List.of();

    public CpuDebugTarget(Cpu cpu, PhysicalMemory memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    @Override
    public int register(I386Register r) {
        return switch (r) {
            case EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI -> cpu.reg(r.ordinal());
            case EIP -> cpu.eip();
            case EFLAGS -> cpu.eflags();
            default -> cpu.segSelector(segment(r));
        };
    }

    @Override
    public void setRegister(I386Register r, int value) {
        switch (r) {
            case EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI -> cpu.setReg(r.ordinal(), value);
            case EIP -> cpu.setEip(value);
            case EFLAGS -> cpu.setEflags(value);
            default -> {
                if (cpu.segSelector(segment(r)) != value) {
                    throw new UnsupportedOperationException("segment registers cannot be loaded from the debugger");
                }
            }
        }
    }

    private static int segment(I386Register r) {
        return switch (r) {
            case CS -> Cpu.CS;
            case SS -> Cpu.SS;
            case DS -> Cpu.DS;
            case ES -> Cpu.ES;
            case FS -> Cpu.FS;
            case GS -> Cpu.GS;
            default -> throw new IllegalArgumentException(r + " is not a segment register or not available");
        };
    }

    /** The physical address of a linear one under the current paging state, or -1. */
    public long physicalAddress(int linear) {
        return PageWalker.physical(memory, cpu.cr(0), cpu.cr(3), cpu.cr(4), linear);
    }

    @Override
    public int readMemory(int address, byte[] buffer, int offset, int length) {
        return copy(address, buffer, offset, length, false);
    }

    @Override
    public int writeMemory(int address, byte[] data, int offset, int length) {
        return copy(address, data, offset, length, true);
    }

    /** Copies page by page (each page translated once); stops at the first unmapped page. */
    private int copy(int address, byte[] buffer, int offset, int length, boolean toGuest) {
        int done = 0;
        while (done < length) {
            int linear = address + done;
            long phys = physicalAddress(linear);
            if (phys < 0) {
                break;
            }
            int chunk = (int) Math.min(length - done, Math.min(PAGE - (linear & (PAGE - 1)), memory.size() - phys));
            if (toGuest) {
                System.arraycopy(buffer, offset + done, memory.array(), (int) phys, chunk);
                memory.written((int) phys, chunk);
            } else {
                System.arraycopy(memory.array(), (int) phys, buffer, offset + done, chunk);
            }
            done += chunk;
        }
        return done;
    }

    @Override
    public TargetState run(long maxInstructions) {
        StopReason r = cpu.run(maxInstructions);
        return switch (r) {
            case INSTRUCTION_LIMIT -> TargetState.RUNNABLE;
            case HALTED -> TargetState.HALTED;
            case TRIPLE_FAULT -> TargetState.TRIPLE_FAULT;
            case SHUTDOWN_REQUESTED -> TargetState.EXITED;
        };
    }

    @Override
    public void setWatchpoints(List<Watchpoint> list) {
        watchpoints = List.copyOf(list);
        List<DebugHooks.Watch> watches = new ArrayList<>();
        for (Watchpoint w : watchpoints) {
            watches.add(new DebugHooks.Watch(w.address(), w.length(), w.onReads(), w.onWrites()));
        }
        installed = List.copyOf(watches);
        cpu.debugHooks().setWatches(installed);
    }

    @Override
    public StopEvent takeWatchHit() {
        DebugHooks.Hit hit = cpu.debugHooks().takeHit();
        return hit == null ? null : watchpoints.get(installed.indexOf(hit.watch())).hitAt(hit.address());
    }

    @Override
    public boolean checksCodeBreakpoints() {
        return true;
    }

    @Override
    public void setCodeBreakpoints(int[] eips, int resumeEip, long resumeCount) {
        cpu.debugHooks().setBreakpoints(eips, resumeEip, resumeCount);
    }

    @Override
    public void setStopAtInterruptEntry(boolean on) {
        cpu.debugHooks().setStopAtInterruptEntry(on);
    }

    @Override
    public long instructionCount() {
        return cpu.instructionCount();
    }
}
