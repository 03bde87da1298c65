package jmoo.debug;

import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.devices.PhysicalMemory;

/**
 * The whole machine as a {@link DebugTarget}: registers and memory are the CPU's and RAM's, but
 * execution goes through the machine's run loop, so timers fire, interrupts arrive, inputs are
 * delivered and idle time is skipped exactly as in a run without a debugger.
 */
public final class MachineDebugTarget implements DebugTarget {
    /** The machine's run loop, able to stop at an exact instruction count. */
    @FunctionalInterface
    public interface ResumableRun {
        /**
         * Runs until {@code instructionCount} instructions retired in total, the CPU stopped for the
         * debugger ({@code DebugHooks.stopped()}, see {@link DebuggerStop}), or the run ends (then says why).
         */
        TargetState runTo(long instructionCount);
    }

    private final CpuDebugTarget cpuView;
    private final Cpu cpu;
    private final ResumableRun run;

    public MachineDebugTarget(Cpu cpu, PhysicalMemory memory, ResumableRun run) {
        this.cpuView = new CpuDebugTarget(cpu, memory);
        this.cpu = cpu;
        this.run = run;
    }

    @Override
    public int register(I386Register r) {
        return cpuView.register(r);
    }

    @Override
    public void setRegister(I386Register r, int value) {
        cpuView.setRegister(r, value);
    }

    @Override
    public int readMemory(int address, byte[] buffer, int offset, int length) {
        return cpuView.readMemory(address, buffer, offset, length);
    }

    @Override
    public int writeMemory(int address, byte[] data, int offset, int length) {
        return cpuView.writeMemory(address, data, offset, length);
    }

    @Override
    public TargetState run(long maxInstructions) {
        return run.runTo(cpu.instructionCount() + maxInstructions);
    }

    @Override
    public void setWatchpoints(List<Watchpoint> watchpoints) {
        cpuView.setWatchpoints(watchpoints);
    }

    @Override
    public StopEvent takeWatchHit() {
        return cpuView.takeWatchHit();
    }

    @Override
    public boolean checksCodeBreakpoints() {
        return true;
    }

    @Override
    public void setCodeBreakpoints(int[] eips, int resumeEip, long resumeCount) {
        cpuView.setCodeBreakpoints(eips, resumeEip, resumeCount);
    }

    @Override
    public void setStopAtInterruptEntry(boolean on) {
        cpuView.setStopAtInterruptEntry(on);
    }

    @Override
    public long instructionCount() {
        return cpu.instructionCount();
    }
}
