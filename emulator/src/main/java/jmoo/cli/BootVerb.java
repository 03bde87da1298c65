package jmoo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jmoo.boot.BootLoadException;
import jmoo.cli.replay.ReplayVerb;
import jmoo.cli.replay.RunRecorder;
import jmoo.cli.replay.SnapshotMonitor;
import jmoo.cli.replay.StartingDisks;
import jmoo.console.GuestOutput;
import jmoo.console.KeyboardSink;
import jmoo.console.PipeConsole;
import jmoo.console.RunningMachineTarget;
import jmoo.console.TerminalConsole;
import jmoo.disks.BootDisks;
import jmoo.disks.DiskMonitor;
import jmoo.disks.OpenedDisk;
import jmoo.disks.ShippedImages;
import jmoo.machine.ConsoleTail;
import jmoo.machine.HostTime;
import jmoo.machine.Machine;
import jmoo.machine.MachineInspector;
import jmoo.machine.Mailbox;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;
import jmoo.replay.BundleManifest;
import jmoo.replay.LiveInputSource;
import jmoo.replay.Recording;
import jmoo.replay.SystemMap;

/**
 * Boots a Linux guest on the user's console (the default verb). Exit status: 0 when the guest
 * powers off or halts (or the user quits), 1 with a crash report on stderr when it crashes.
 */
final class BootVerb implements Verb {
    private static final String USAGE = """
            usage: ./jmoo [boot] [--kernel FILE] [--initrd FILE] [mem=SIZE] [ubdN=...] [OPTIONS] [KERNEL ARGS...]

              --kernel FILE      bzImage or vmlinux ELF (default: the shipped images/bzImage-lz4)
              --initrd FILE      initial ramdisk (cpio, compressed or not)
              mem=SIZE           guest RAM, UML syntax: 64M (default), 1G, bytes
              ubdN[rsdc]=FILE[,FILE...]  a disk, as in UML (ubd0=root.cow,root_fs); with no
                                 --kernel, ubd0 or --initrd: the shipped root filesystem via a throw-away COW
              --system-map FILE  symbols for crash reports (default: System.map[.gz] beside the kernel)
              --insn-ns N        virtual nanoseconds per instruction (default 10)
              --no-reboot        end jmoo when the guest reboots instead of booting again
              --record DIR       record the run into DIR, a new directory (a bundle that
                                 ./jmoo replay DIR reruns; a reboot ends the recording)
              --watchdog SECONDS a crash (reason "watchdog", with its bundle) when the guest makes
                                 no progress for SECONDS of virtual time: no console output, disk
                                 request, input, idling or user code. Off by default: a kernel
                                 busy in kernel mode that long without output is rare but not a
                                 bug, and a false alarm ends the session; for unattended or
                                 recorded runs try --watchdog 30
              --gdb PORT         let gdb attach at any time on 127.0.0.1:PORT (0: any free port):
                                 the guest stops while gdb is attached and runs on when it detaches
              --gdb-wait         with --gdb: wait for gdb before the first instruction
            Every other argument goes to the guest kernel's command line (console=ttyS0 is added
            unless a console= is given; root=/dev/ubda rw when ubd0 is there and no root= is
            given). On the console, Ctrl-A h lists the escape keys. The guest learns the terminal's
            size at boot (jmoo.winsize=COLSxROWS; after a resize, run resize in the shipped guest).
            When stdin is not a terminal, its end is passed on as a terminal would: Ctrl-D at the
            guest's shell prompt (the shipped guest then powers off: jmoo.eof=poweroff is added);
            a guest that stays quiet for 120 s of virtual time after the end of input ends the
            run with exit status 3.""";

    @Override
    public String name() {
        return "boot";
    }

    @Override
    public String summary() {
        return "boot a Linux guest (the default verb): ./jmoo [--kernel FILE] [--initrd FILE] [ubd0=...] [mem=64M] [kernel args]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        BootOptions options = BootOptions.parse(args);
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        ShippedImages shipped = ShippedImages.inCheckout();
        Path kernel = requireFiles(options, shipped);
        SystemMap symbols = symbols(options, kernel, shipped);
        boolean interactive = System.console() != null;
        try (BootDisks disks = BootDisks.open(options.diskArgs(), shipped, options.kernel() == null && options.initrd() == null)) {
            String commandLine = commandLine(options, disks);
            for (;;) {
                RunOutcome outcome = bootOnce(options, kernel, commandLine, disks, symbols, interactive, err);
                if (outcome.kind() == RunOutcome.Kind.RESET && !options.noReboot() && options.record() == null) {
                    err.println("jmoo: the guest rebooted");
                    continue;
                }
                if (outcome.kind() != RunOutcome.Kind.CRASH) {
                    err.println("jmoo: " + outcome.message());
                }
                return outcome.exitStatus();
            }
        }
    }

    private static Path requireFiles(BootOptions options, ShippedImages shipped) throws UserError {
        Path kernel = options.kernel() != null ? options.kernel() : shipped.kernel();
        if (!Files.isRegularFile(kernel)) {
            throw new UserError("kernel " + kernel + ": no such file"
                    + (options.kernel() == null ? " (the shipped kernel: pass --kernel FILE)" : ""));
        }
        if (options.initrd() != null && !Files.isRegularFile(options.initrd())) {
            throw new UserError("initrd " + options.initrd() + ": no such file");
        }
        return kernel;
    }

    /** Our arguments, then the user's: lpj= for the shipped kernel, root= when ubd0 is the root. */
    private static String commandLine(BootOptions options, BootDisks disks) {
        StringBuilder ours = new StringBuilder();
        if (options.kernel() == null && !options.hasKernelArg("lpj=")) {
            ours.append(ShippedImages.FAST_BOOT_ARGS).append(' ');
        }
        if (options.initrd() == null && disks.disks().get(0) != null && !options.hasKernelArg("root=")) {
            ours.append(ShippedImages.DISK_ROOT_ARGS).append(' ');
        }
        return (ours + options.kernelCommandLine()).trim();
    }

    private static SystemMap symbols(BootOptions options, Path kernel, ShippedImages shipped) throws UserError {
        Path map = options.systemMap();
        if (map == null) {
            Path dir = kernel.toAbsolutePath().getParent();
            Path[] candidates = options.kernel() == null
                    ? new Path[] {shipped.systemMap()}
                    : new Path[] {dir.resolve("System.map"), dir.resolve("System.map.gz")};
            for (Path candidate : candidates) {
                if (Files.isRegularFile(candidate)) {
                    map = candidate;
                    break;
                }
            }
            if (map == null) {
                return null;
            }
        }
        try {
            return readSystemMap(map);
        } catch (IOException | RuntimeException e) {
            throw new UserError("system map " + map + ": " + e.getMessage());
        }
    }

    /** Reads a System.map, gunzipping a .gz one through a temporary file. */
    private static SystemMap readSystemMap(Path map) throws IOException {
        if (!map.getFileName().toString().endsWith(".gz")) {
            return SystemMap.read(map);
        }
        Path plain = Files.createTempFile("jmoo-System.map", "");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(map))) {
            Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
            return SystemMap.read(plain);
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /**
     * Tells the guest about its console (the shipped rootfs reads these, images/README.md): the
     * terminal's size as {@code jmoo.winsize=COLSxROWS}, or, when stdin is not a terminal,
     * {@code jmoo.eof=poweroff} (power off when the console shell exits at the end of input).
     */
    private static String withConsoleArgs(String commandLine, BootOptions options, TerminalConsole terminal) {
        if (terminal == null) {
            return options.hasKernelArg("jmoo.eof=") ? commandLine : "jmoo.eof=poweroff " + commandLine;
        }
        String size = terminal.windowSize();
        return size == null || options.hasKernelArg("jmoo.winsize=") ? commandLine : "jmoo.winsize=" + size + " " + commandLine;
    }

    private RunOutcome bootOnce(BootOptions options, Path kernel, String commandLine, BootDisks disks,
                                SystemMap symbols, boolean interactive, PrintStream err) throws Exception {
        Mailbox mailbox = new Mailbox();
        HostTime hostTime = HostTime.system();
        Recording recording = startRecording(options);
        StartingDisks.Frozen frozen = options.record() == null ? null : freeze(disks, recording);
        for (BundleManifest.RecordedDisk d : frozen == null ? List.<BundleManifest.RecordedDisk>of() : frozen.disks()) {
            boolean session = disks.sessionRoot() && d.disk().equals(disks.disks().get(0).argument().deviceName());
            if (d.runTop() != null && !session) {
                err.println("jmoo: --record: " + d.disk() + " is frozen as it was; this run writes to " + d.runTop());
            }
        }
        LiveInputSource input = recording.inputSource(hostTime::epochSeconds);
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
        commandLine = withConsoleArgs(commandLine, options, terminal);
        try {
            GuestOutput output = interactive ? terminal.output() : new GuestOutput(System.out);
            ConsoleTail tail = new ConsoleTail(recording.teeConsole(output));
            Machine machine = new Machine(options.ramBytes(), options.nanosPerInstruction(),
                    input.startTimeEpochSeconds(0), tail);
            disks.disks().attachAll(machine.portBlock());   // UbdDisks with the s flag, snapshot-able
            machine.watchdog().setLimitNanos(options.watchdogNanos());
            load(machine, options, kernel, commandLine);
            MachineInspector inspector = new MachineInspector(machine, symbols);
            RunLoop loop = new RunLoop(machine, mailbox, input, output, tail, hostTime, interactive);
            loop.typeEndOfInput(b -> {
                input.offer(new byte[] {(byte) b}, 0, 1);
                mailbox.wake();
            });
            if (terminal != null) {
                terminal.start(new RunningMachineTarget(mailbox, loop, inspector,
                        monitorCommands(machine, disks, options, input), DiskMonitor.HELP + "\n" + SnapshotMonitor.HELP));
            } else {
                PipeConsole.start(System.in, keyboard);
            }
            RunOutcome outcome = options.gdbPort() >= 0
                    ? new LiveDebugRun(machine, loop).run(options.gdbPort(), options.gdbWait(), err) : loop.run();
            if (outcome.kind() == RunOutcome.Kind.CRASH) {
                err.println();
                err.print(inspector.crashReport(outcome.message()));
            }
            if (outcome.kind() == RunOutcome.Kind.CRASH || options.record() != null) {
                try {
                    writeBundle(options, kernel, commandLine, disks, frozen, symbols, recording, machine, outcome, err);
                } catch (IOException e) {
                    // The run's own outcome (and exit status) stands; the bundle is reported lost in one line.
                    err.println("jmoo: could not write the " + (options.record() != null ? "recording" : "crash bundle")
                            + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            return outcome;
        } finally {
            if (terminal != null) {
                terminal.close();
            }
            recording.close();
        }
    }

    /** The monitor's disk commands, then savevm and loadvm. */
    private static java.util.function.Function<String, String> monitorCommands(Machine machine, BootDisks disks,
                                                                             BootOptions options, LiveInputSource input) {
        DiskMonitor diskCommands = new DiskMonitor(machine.portBlock(), disks.disks());
        SnapshotMonitor snapshots = new SnapshotMonitor(machine, disks, options.record() != null, input::stopLogging);
        return line -> {
            String answer = diskCommands.execute(line);
            return answer != null ? answer : snapshots.execute(line);
        };
    }

    /** Records into --record DIR, else into a temporary directory kept only if the guest crashes. */
    private static Recording startRecording(BootOptions options) throws IOException, UserError {
        if (options.record() == null) {
            return Recording.temporary();
        }
        try {
            return Recording.into(options.record());
        } catch (IOException e) {
            throw new UserError("--record: " + e.getMessage());
        }
    }

    /** --record: the disks' starting state, frozen before the guest runs (a failure ends the recording). */
    private static StartingDisks.Frozen freeze(BootDisks disks, Recording recording) throws IOException, UserError {
        try {
            return StartingDisks.freeze(disks, recording.directory());
        } catch (UserError | RuntimeException e) {
            recording.close();
            throw e;
        }
    }

    /** The bundle: with --record, the frozen disks; otherwise the disks' files, marked unfrozen. */
    private static void writeBundle(BootOptions options, Path kernel, String commandLine, BootDisks disks,
                                    StartingDisks.Frozen frozen, SystemMap symbols, Recording recording,
                                    Machine machine, RunOutcome outcome, PrintStream err) throws IOException {
        List<BundleManifest.DiskLayer> layers = new ArrayList<>();
        for (OpenedDisk disk : frozen != null ? List.<OpenedDisk>of() : disks.disks().all()) {
            List<Path> files = disk.argument().files();
            for (int depth = 0; depth < files.size(); depth++) {
                layers.add(new BundleManifest.DiskLayer(disk.argument().deviceName(), depth,
                        files.get(depth).toAbsolutePath().toString(), RunRecorder.UNFROZEN));
            }
        }
        RunRecorder.Setup setup = new RunRecorder.Setup(options.arguments(), kernel, options.initrd(), commandLine,
                options.ramBytes(), options.nanosPerInstruction(), frozen != null ? frozen.layers() : layers,
                frozen != null ? frozen.disks() : List.of(), options.watchdogNanos());
        Path crashParent = Files.createDirectories(RunRecorder.crashBundleParent());
        Path bundle = new RunRecorder(recording, setup, symbols).finish(machine, outcome.message(),
                outcome.kind().name(), crashParent);
        String notReplayable = BundleManifest.notReplayableReason(setup.diskLayers(), setup.disks());
        err.println("jmoo: " + (options.record() != null ? "recording" : "crash bundle") + " in " + bundle
                + (notReplayable == null ? " (./jmoo replay " + bundle + " reruns it)"
                        : " (not replayable: " + notReplayable + "; " + ReplayVerb.RERUN + ")"));
    }

    private static void load(Machine machine, BootOptions options, Path kernel, String commandLine) throws Exception {
        try {
            machine.bootLinux(kernel, options.initrd(), commandLine);
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
