package jmoo.machine;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntConsumer;
import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import jmoo.devices.TimedDevice;
import jmoo.devices.pc.Uart16550;
import jmoo.replay.InputSource;
import jmoo.replay.ReplayDivergenceException;
import jmoo.replay.SliceObserver;
import jmoo.replay.SliceObservers;

/**
 * Drives a {@link Machine}: runs the CPU in slices no longer than the next timer deadline, then
 * lets the timers fire, hands console input to the UART, runs monitor tasks, and decides what a
 * halted CPU means (skip to the next deadline, wait for input, or the end of the run). Slices
 * also end at the {@link Watchdog}'s deadline, which ends the run as a crash when it passes.
 *
 * <p>Everything guest-visible happens at slice boundaries that depend only on the instruction
 * count, except the arrival of console input (and, when pacing, how much idle time a wake-up
 * by input skips), which a recorder logs.
 */
public final class RunLoop {
    /** Longest slice: bounds how late console input and monitor commands are seen. */
    private static final long MAX_SLICE_INSTRUCTIONS = 200_000;
    private static final int IF = 0x200;
    /** The master PIC's input the slave is cascaded on. */
    private static final int CASCADE_LINE = 1 << 2;
    /** How long an idle guest with no timer armed waits for input before time moves on. */
    private static final long NO_TIMER_WAIT_NANOS = 100_000_000L;
    /** Console output that shows a kernel powered off without a power-off port. */
    private static final String[] POWER_OFF_MESSAGES = {"reboot: Power down", "reboot: System halted"};

    private final Machine machine;
    private final Mailbox mailbox;
    private final InputSource input;
    private final Flushable consoleOutput;
    private final HostTime hostTime;
    private final boolean paceToWallTime;
    private final ConsoleTail consoleTail;
    private volatile boolean paused;
    private volatile RunOutcome quit;
    private SliceObserver observer = NO_OBSERVER;
    private InputEnd inputEnd;

    /** No stops, nothing to observe. */
    private static final SliceObserver NO_OBSERVER = new SliceObservers(List.of());

    /**
     * @param consoleTail the recent console output (to recognise a kernel's power-off message)
     * @param paceToWallTime when true an idle guest waits in real time instead of skipping ahead
     */
    public RunLoop(Machine machine, Mailbox mailbox, InputSource input, Flushable consoleOutput, ConsoleTail consoleTail,
                   HostTime hostTime, boolean paceToWallTime) {
        this.machine = machine;
        this.mailbox = mailbox;
        this.input = input;
        this.consoleOutput = consoleOutput;
        this.consoleTail = consoleTail;
        this.hostTime = hostTime;
        this.paceToWallTime = paceToWallTime;
        this.inputEnd = new InputEnd(consoleTail, null);
    }

    /**
     * A live run: once the input ended, type Ctrl-D at the guest's shell prompt through
     * {@code typist} (see {@link InputEnd}). Without this, the run only ends itself when the
     * guest stays quiet after the end of input. Call before {@link #run}.
     */
    public void typeEndOfInput(IntConsumer typist) {
        this.inputEnd = new InputEnd(consoleTail, typist);
    }

    /**
     * Lets {@code observer} see the machine at exact instruction counts (replay checks, --until,
     * a debugger): slices end at its stops, and {@link #run} returns QUIT when it asks to stop.
     * Call on the run loop's thread, between runs.
     */
    public void observe(SliceObserver observer) {
        this.observer = observer;
    }

    /** Stops running guest instructions (the monitor's `stop`); tasks are still served. Any thread. */
    public void pause() {
        paused = true;
        mailbox.post(() -> { });
    }

    /** Resumes after {@link #pause()}. Any thread. */
    public void resume() {
        paused = false;
        mailbox.post(() -> { });
    }

    public boolean isPaused() {
        return paused;
    }

    /** Ends the run at the next slice boundary with {@code outcome}. Any thread. */
    public void quit(RunOutcome outcome) {
        quit = outcome;
        mailbox.post(() -> { });
    }

    public RunOutcome run() throws InterruptedException, ReplayDivergenceException {
        Cpu cpu = machine.cpu();
        VirtualTime time = machine.time();
        for (;;) {
            mailbox.runTasks();
            if (quit != null) {
                flush();
                return quit;
            }
            if (paused) {
                flush();
                mailbox.await(1_000_000_000L);
                continue;
            }
            deliverConsoleInput();
            long deadline = machine.nextDeadline();
            long slice = Math.min(MAX_SLICE_INSTRUCTIONS, time.instructionsUntil(deadline));
            long untilInput = input.nextDueAt() - cpu.instructionCount();
            if (untilInput > 0) {
                slice = Math.min(slice, untilInput); // never run past a recorded input
            } // an input already due waits for the UART to accept it: keep running meanwhile
            slice = Math.min(slice, observer.nextStopAt() - cpu.instructionCount());
            slice = Math.min(slice, time.instructionsUntil(machine.watchdog().deadlineNanos()));
            StopReason reason = slice == 0 ? StopReason.INSTRUCTION_LIMIT : cpu.run(slice);
            machine.advanceTimers();
            flush();
            if (time.nanos() >= deadline && cpu.cpl() == 3) {
                machine.watchdog().progress(time.nanos());   // user code ran when the timer fired
            }
            RunOutcome end = afterSlice(reason);
            if (end == null && machine.watchdog().expired(time.nanos())) {
                end = new RunOutcome(RunOutcome.Kind.CRASH, machine.watchdog().reason());
            }
            if (end == null && inputExhausted()) {
                end = inputEnd.check(time.nanos());
            }
            if (end != null) {
                flush();
                return end;
            }
            if (observer.sliceEnded(cpu.instructionCount())) {
                return new RunOutcome(RunOutcome.Kind.QUIT, "stopped at instruction " + cpu.instructionCount());
            }
        }
    }

    /** What a slice's stop reason and the devices' requests mean; null to keep running. */
    private RunOutcome afterSlice(StopReason reason) throws InterruptedException, ReplayDivergenceException {
        RunOutcome requested = requestedOutcome();
        if (requested != null) {
            return requested;
        }
        switch (reason) {
            case TRIPLE_FAULT:
                return new RunOutcome(RunOutcome.Kind.CRASH, "triple fault");
            case HALTED:
                return idle();
            default:
                return machine.cpu().halted() ? idle() : null; // a slice that ended exactly on the HLT
        }
    }

    private RunOutcome requestedOutcome() {
        return switch (machine.request()) {
            case NONE -> null;
            case POWER_OFF -> new RunOutcome(RunOutcome.Kind.POWER_OFF, "the guest powered off");
            case RESET -> new RunOutcome(RunOutcome.Kind.RESET, "the guest asked for a reset");
            case HALT -> new RunOutcome(RunOutcome.Kind.HALT, "the guest halted");
            case PANIC -> new RunOutcome(RunOutcome.Kind.CRASH, "kernel panic: " + machine.panicMessage());
        };
    }

    /**
     * The CPU executed HLT. With interrupts off that is the end of the run; otherwise time
     * jumps to the next timer deadline (after a real wait when pacing), or the loop waits for
     * console input when no timer is armed.
     */
    private RunOutcome idle() throws InterruptedException, ReplayDivergenceException {
        Cpu cpu = machine.cpu();
        if ((cpu.eflags() & IF) == 0) {
            flush();
            if (consoleTail.containsAny(POWER_OFF_MESSAGES)) {
                return new RunOutcome(RunOutcome.Kind.POWER_OFF, "the guest powered off (CPU halted)");
            }
            return new RunOutcome(RunOutcome.Kind.CRASH, "the CPU halted with interrupts disabled");
        }
        boolean wakeable = anyInterruptLineUnmasked();
        if (wakeable) {
            machine.watchdog().progress(time().nanos());   // idling with interrupts on is a healthy guest
        }
        if (machine.pic().hasInterrupt()) {
            return null; // wakes at the next run()
        }
        long deadline = wakeable ? machine.nextDeadline()
                : Math.min(machine.nextDeadline(), machine.watchdog().deadlineNanos());   // it fires exactly then
        boolean inputPossible = !mailbox.inputClosed() || input.hasByte(cpu.instructionCount())
                || input.nextDueAt() != Long.MAX_VALUE;
        if (deadline == TimedDevice.NO_DEADLINE && !inputPossible) {
            return new RunOutcome(RunOutcome.Kind.CRASH, "the guest is idle with no timer armed and no input left");
        }
        flush();
        long now = cpu.instructionCount();
        time().skipTo(input.idleWakeNanos(now, deadline, () -> chooseWakeTime(deadline)));
        if (wakeable) {
            machine.watchdog().progress(time().nanos());
        }
        machine.advanceTimers();
        return null;
    }

    /**
     * Whether an interrupt could ever wake the halted CPU: some line is unmasked at the PIC (the
     * slave's through the cascade). A CPU halted with every line masked is hung, not idle.
     */
    private boolean anyInterruptLineUnmasked() {
        int[] r = machine.pic().registers();   // irr, isr, imr of the master, then of the slave
        int masterImr = r[2];
        int slaveImr = r[5];
        return (~masterImr & ~CASCADE_LINE & 0xFF) != 0 || (masterImr & CASCADE_LINE) == 0 && (slaveImr & 0xFF) != 0xFF;
    }

    /** No console byte will come any more: the input ended and all of it was delivered. */
    private boolean inputExhausted() throws ReplayDivergenceException {
        return mailbox.inputClosed() && input.nextDueAt() == Long.MAX_VALUE
                && !input.hasByte(machine.cpu().instructionCount());
    }

    private VirtualTime time() {
        return machine.time();
    }

    /**
     * When an idle CPU wakes (virtual ns): at the deadline at once when not pacing; when pacing
     * (or with no timer armed) after the matching wall time, or earlier, with only the time that
     * passed, when input or a monitor task arrives.
     */
    private long chooseWakeTime(long deadline) {
        long virtualStart = time().nanos();
        if (!paceToWallTime && deadline != TimedDevice.NO_DEADLINE) {
            return deadline;
        }
        long wallStart = hostTime.monotonicNanos();
        long wait = deadline == TimedDevice.NO_DEADLINE ? NO_TIMER_WAIT_NANOS : deadline - virtualStart;
        boolean woken;
        try {
            woken = mailbox.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            woken = true;
        }
        long waited = Math.max(hostTime.monotonicNanos() - wallStart, 0);
        if (deadline == TimedDevice.NO_DEADLINE || woken) {
            return Math.min(deadline, virtualStart + waited);
        }
        return deadline;
    }

    /** Moves waiting console bytes into the UART while its FIFO has room and a driver listens. */
    private void deliverConsoleInput() throws ReplayDivergenceException {
        Uart16550 uart = machine.uart();
        long now = machine.cpu().instructionCount();
        while (uart.receiverInterruptEnabled() && uart.receiveSpace() > 0 && input.hasByte(now)) {
            uart.receive(input.takeByte(now));
            machine.watchdog().progress(machine.time().nanos());
            inputEnd.delivered(time().nanos());
        }
    }

    private void flush() {
        try {
            consoleOutput.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
