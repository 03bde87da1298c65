package jmoo.cli.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import jmoo.boot.BootLoadException;
import jmoo.cli.UserError;
import jmoo.disks.BootDisks;
import jmoo.disks.OpenedDisk;
import jmoo.disks.ShippedImages;
import jmoo.machine.ConsoleTail;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.profile.GuestProfiler;
import jmoo.replay.LiveInputSource;

/**
 * Boots a guest inside this JVM, as `./jmoo` does with no console input and no pacing, and hands
 * each console line (host-clock and instruction-count stamped) to a listener, which ends the run
 * early by returning true. The machine has the default 64 MiB and 10 virtual ns per instruction.
 */
final class InProcessGuest {
    private static final long RAM = 64L << 20;
    private static final long NANOS_PER_INSTRUCTION = 10;

    /** What a run ended with, and the host clock at its start. */
    record Run(RunOutcome outcome, long startNanos, String consoleTail) {
    }

    private InProcessGuest() {
    }

    /**
     * @param initrd null for none
     * @param diskArgs {@code ubdN=...} arguments as `./jmoo` takes them
     * @param shippedRoot put the shipped rootfs on ubd0 through a throw-away COW
     * @param stopAt returns true on the line that ends the run (checked at the next slice boundary)
     */
    static Run boot(Path kernel, Path initrd, String commandLine, List<String> diskArgs, boolean shippedRoot,
                    Predicate<ConsoleLine> stopAt) throws Exception {
        return boot(kernel, initrd, commandLine, diskArgs, shippedRoot, stopAt, null, null);
    }

    /**
     * As above, with {@code profiler} (when not null) sampling the run from its first
     * instruction in phase {@code firstPhase}, detached when the run ends.
     */
    static Run boot(Path kernel, Path initrd, String commandLine, List<String> diskArgs, boolean shippedRoot,
                    Predicate<ConsoleLine> stopAt, GuestProfiler profiler, String firstPhase) throws Exception {
        long start = System.nanoTime();
        try (BootDisks disks = BootDisks.open(diskArgs, ShippedImages.inCheckout(), shippedRoot)) {
            Mailbox mailbox = new Mailbox();
            mailbox.closeInput();
            HostTime hostTime = HostTime.system();
            RunLoop[] loop = new RunLoop[1];
            Machine[] machine = new Machine[1];
            ConsoleTail tail = new ConsoleTail(new LineAssembler(() -> machine[0].cpu().instructionCount(), line -> {
                if (stopAt.test(line)) {
                    loop[0].quit(new RunOutcome(RunOutcome.Kind.HALT, "stopped at: " + line.text()));
                }
            }));
            machine[0] = new Machine(RAM, NANOS_PER_INSTRUCTION, hostTime.epochSeconds(), tail);
            for (OpenedDisk disk : disks.disks().all()) {
                machine[0].portBlock().attach(disk.slot(), disk.device());
            }
            try {
                machine[0].bootLinux(kernel, initrd, commandLine);
            } catch (BootLoadException e) {
                throw new UserError(e.getMessage());
            }
            loop[0] = new RunLoop(machine[0], mailbox, new LiveInputSource(hostTime::epochSeconds, null), () -> { },
                    tail, hostTime, false);
            if (profiler != null) {
                profiler.attach(machine[0], firstPhase);
                loop[0].observe(profiler);
            }
            RunOutcome outcome = loop[0].run();
            if (profiler != null) {
                profiler.detach();
            }
            return new Run(outcome, start, tail.lastLines(15));
        }
    }
}
