package jmoo.cpu;

import java.util.List;

/**
 * What a debugger asks of the CPU besides running it, kept off the hot path.
 *
 * <p><b>Data watchpoints.</b> While any watch is set, a linear page holding watched bytes never
 * gets a TLB entry, so every data access to it takes the MMU's slow path, which asks
 * {@link #access}. A hit is remembered ({@link #takeHit}) and {@code Cpu.run} returns
 * INSTRUCTION_LIMIT after the accessing instruction, with {@link #stopped()} true. The
 * decoder's instruction fetches are not data reads ({@code Mmu.fetch8}) and never hit. An
 * access by an instruction that then faults still hits; the run stops after the exception's
 * delivery, at the handler's entry.
 *
 * <p><b>Interrupt entry.</b> While {@link #setStopAtInterruptEntry} is on, {@code Cpu.run}
 * returns right after delivering a hardware interrupt, before the handler's first instruction
 * (with {@link #stopped()} true, no instruction retired by that step), so a debugger checking
 * breakpoints between instructions sees the handler's entry point.
 *
 * <p>{@code Cpu.run} clears {@link #stopped()} when it starts.
 */
public final class DebugHooks {
    /** Watched bytes {@code [address, address+length)}, hit by reads, writes or both. */
    public record Watch(int address, int length, boolean reads, boolean writes) {
        public Watch {
            if (length <= 0 || !(reads || writes)) {
                throw new IllegalArgumentException("a watch needs a positive length and reads or writes, got "
                        + length + " bytes at " + Integer.toHexString(address));
            }
        }

        long first() {
            return Integer.toUnsignedLong(address);
        }

        long last() {
            return first() + length - 1;
        }
    }

    /** A watch hit: the first watched byte the access touched, and whether it was a write. */
    public record Hit(Watch watch, int address, boolean write) {
    }

    private final Runnable flushTlb;
    /** Code breakpoints (EIPs) the CPU itself checks before each instruction; none: full speed. */
    private int[] breakpoints = new int[0];
    /** Some code breakpoint is set: Cpu.run steps one instruction at a time and checks each. */
    boolean breaking;
    /** The position a run resumes from (EIP, instruction count): its breakpoint is not checked. */
    private int resumeEip;
    private long resumeCount = -1;
    private Watch[] watches = new Watch[0];
    private boolean stopAtInterruptEntry;
    private Hit hit;
    /**
     * Some watch is set. Compiled blocks do not run meanwhile (see Cpu#runChain): they check for
     * the run loop's attention only after stores, and a read hit must stop right after its
     * instruction.
     */
    boolean watching;
    /** The last run returned early for a watch hit or an interrupt entry (read by Cpu.run). */
    boolean stopped;

    DebugHooks(Runnable flushTlb) {
        this.flushTlb = flushTlb;
    }

    /** Replaces the watches (none: the TLB works as without a debugger). Forgets an untaken hit. */
    public void setWatches(List<Watch> list) {
        watches = list.toArray(new Watch[0]);
        watching = watches.length != 0;
        hit = null;
        flushTlb.run();
    }

    /**
     * Sets the code breakpoints the CPU checks itself: {@code Cpu.run} returns (INSTRUCTION_LIMIT,
     * {@link #stopped()} true) before executing an instruction whose EIP is one of them, except
     * at the position the run resumes from (EIP {@code resumeEip} with {@code resumeCount}
     * instructions retired), so continuing from a breakpoint makes progress. While any is set,
     * the CPU runs one instruction at a time (no compiled blocks) but without leaving {@code run}.
     */
    public void setBreakpoints(int[] eips, int resumeEip, long resumeCount) {
        breakpoints = eips.clone();
        breaking = breakpoints.length != 0;
        this.resumeEip = resumeEip;
        this.resumeCount = resumeCount;
    }

    /** True when the instruction at {@code eip} with {@code count} retired must not run (a breakpoint). */
    boolean breaksAt(int eip, long count) {
        if (eip == resumeEip && count == resumeCount) {
            return false;
        }
        for (int b : breakpoints) {
            if (b == eip) {
                return true;
            }
        }
        return false;
    }

    public void setStopAtInterruptEntry(boolean on) {
        stopAtInterruptEntry = on;
    }

    /** True when the last {@code run} returned early for a watch hit or an interrupt entry. */
    public boolean stopped() {
        return stopped;
    }

    /** The first hit since the last call (or since the watches were set), then null. */
    public Hit takeHit() {
        Hit h = hit;
        hit = null;
        return h;
    }

    /** True when the linear page of {@code lin} holds watched bytes (it must not get a TLB entry). */
    boolean watchesPage(int lin) {
        if (watches.length == 0) {
            return false;
        }
        long page = Integer.toUnsignedLong(lin) >>> 12;
        for (Watch w : watches) {
            if (page >= w.first() >>> 12 && page <= w.last() >>> 12) {
                return true;
            }
        }
        return false;
    }

    /** A data access of {@code n} bytes at {@code lin} on the MMU's slow path. True on a hit: the CPU stops after the instruction. */
    boolean access(int lin, int n, boolean write) {
        if (watches.length == 0) {
            return false;
        }
        long first = Integer.toUnsignedLong(lin);
        long last = first + n - 1;
        for (Watch w : watches) {
            if ((write ? w.writes() : w.reads()) && first <= w.last() && last >= w.first()) {
                if (hit == null) {
                    hit = new Hit(w, (int) Math.max(first, w.first()), write);
                }
                stopped = true;
                return true;
            }
        }
        return false;
    }

    /** Called after a hardware interrupt was delivered: true when run must return now. */
    boolean interruptEntered() {
        stopped |= stopAtInterruptEntry;
        return stopAtInterruptEntry;
    }
}
