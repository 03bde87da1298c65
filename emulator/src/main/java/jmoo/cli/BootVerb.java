package jmoo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jmoo.boot.BootLoadException;
import jmoo.console.GuestOutput;
import jmoo.console.KeyboardSink;
import jmoo.console.PipeConsole;
import jmoo.console.RunningMachineTarget;
import jmoo.console.TerminalConsole;
import jmoo.machine.ConsoleTail;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.MachineInspector;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.LiveInputSource;
import jmoo.replay.SystemMap;

/**
 * Boots a Linux guest on the user's console (the default verb). Exit status: 0 when the guest
 * powers off or halts (or the user quits), 1 with a crash report on stderr when it crashes.
 */
final class BootVerb implements Verb {
    private static final String USAGE = """
            usage: ./jmoo [boot] [--kernel FILE] [--initrd FILE] [mem=SIZE] [OPTIONS] [KERNEL ARGS...]

              --kernel FILE      bzImage or vmlinux ELF to boot
              --initrd FILE      initial ramdisk (cpio, compressed or not)
              mem=SIZE           guest RAM, UML syntax: 64M (default), 1G, bytes
              --system-map FILE  symbols for crash reports (default: System.map beside the kernel)
              --insn-ns N        virtual nanoseconds per instruction (default 10)
              --no-reboot        end jmoo when the guest reboots instead of booting again
              ubdN=...           disks (not supported yet)
            Every other argument goes to the guest kernel's command line (console=ttyS0 is added
            unless a console= is given). On the console, Ctrl-A h lists the escape keys.""";

    @Override
    public String name() {
        return "boot";
    }

    @Override
    public String summary() {
        return "boot a Linux guest (the default verb): ./jmoo --kernel FILE [--initrd FILE] [mem=64M] [kernel args]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        BootOptions options = BootOptions.parse(args);
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        if (!options.diskArgs().isEmpty()) {
            throw new UserError("ubd disks are not supported yet: " + options.diskArgs().get(0));
        }
        Path kernel = requireKernel(options);
        SystemMap symbols = symbols(options, kernel);
        boolean interactive = System.console() != null;
        for (;;) {
            RunOutcome outcome = bootOnce(options, kernel, symbols, interactive, err);
            if (outcome.kind() == RunOutcome.Kind.RESET && !options.noReboot()) {
                err.println("jmoo: the guest rebooted");
                continue;
            }
            if (outcome.kind() != RunOutcome.Kind.CRASH) {
                err.println("jmoo: " + outcome.message());
            }
            return outcome.exitStatus();
        }
    }

    private static Path requireKernel(BootOptions options) throws UserError {
        if (options.kernel() == null) {
            throw new UserError("no kernel given: pass --kernel FILE (a bzImage or vmlinux)");
        }
        if (!Files.isRegularFile(options.kernel())) {
            throw new UserError("kernel " + options.kernel() + ": no such file");
        }
        if (options.initrd() != null && !Files.isRegularFile(options.initrd())) {
            throw new UserError("initrd " + options.initrd() + ": no such file");
        }
        return options.kernel();
    }

    private static SystemMap symbols(BootOptions options, Path kernel) throws UserError {
        Path map = options.systemMap();
        if (map == null) {
            Path beside = kernel.toAbsolutePath().resolveSibling("System.map");
            if (!Files.isRegularFile(beside)) {
                return null;
            }
            map = beside;
        }
        try {
            return SystemMap.read(map);
        } catch (IOException | RuntimeException e) {
            throw new UserError("system map " + map + ": " + e.getMessage());
        }
    }

    private RunOutcome bootOnce(BootOptions options, Path kernel, SystemMap symbols, boolean interactive,
                                PrintStream err) throws Exception {
        Mailbox mailbox = new Mailbox();
        HostTime hostTime = HostTime.system();
        LiveInputSource input = new LiveInputSource(hostTime::epochSeconds, null);
        KeyboardSink keyboard = new KeyboardSink() {
            @Override
            public void offer(byte[] bytes, int offset, int length) {
                input.offer(bytes, offset, length);
                mailbox.wake();
            }

            @Override
            public void close() {
                mailbox.closeInput();
            }
        };
        TerminalConsole terminal = interactive ? new TerminalConsole(keyboard, historyFile()) : null;
        try {
            GuestOutput output = interactive ? terminal.output() : new GuestOutput(System.out);
            ConsoleTail tail = new ConsoleTail(output);
            Machine machine = new Machine(options.ramBytes(), options.nanosPerInstruction(),
                    input.startTimeEpochSeconds(0), tail);
            load(machine, options, kernel);
            MachineInspector inspector = new MachineInspector(machine, symbols);
            RunLoop loop = new RunLoop(machine, mailbox, input, output, tail, hostTime, interactive);
            if (terminal != null) {
                terminal.start(new RunningMachineTarget(mailbox, loop, inspector));
            } else {
                PipeConsole.start(System.in, keyboard);
            }
            RunOutcome outcome = loop.run();
            if (outcome.kind() == RunOutcome.Kind.CRASH) {
                err.println();
                err.print(inspector.crashReport(outcome.message()));
            }
            return outcome;
        } finally {
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    private static void load(Machine machine, BootOptions options, Path kernel) throws Exception {
        try {
            machine.bootLinux(kernel, options.initrd(), options.kernelCommandLine());
        } catch (NoSuchFileException e) {
            throw new UserError(e.getFile() + ": no such file");
        } catch (BootLoadException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Path historyFile() {
        return Path.of(System.getProperty("user.home"), ".jmoo_history");
    }
}
