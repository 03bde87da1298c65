package jmoo.cli.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.debug.CpuDebugTarget;
import jmoo.machine.Machine;
import jmoo.replay.Backtrace;
import jmoo.replay.BundleManifest;
import jmoo.replay.CpuRegisters;
import jmoo.replay.CrashBundleWriter;
import jmoo.replay.InstructionRing;
import jmoo.replay.Recording;
import jmoo.replay.Sha256;
import jmoo.replay.SystemMap;

/**
 * Turns the end of a recorded run into a crash bundle: the manifest from the run's setup, the
 * final registers, the CPU's recent instructions and a backtrace from the machine's memory.
 */
public final class RunRecorder {
    /** What the run started from (everything a replay needs to rebuild the machine). */
    public record Setup(List<String> arguments, Path kernel, Path initrd, String commandLine, long ramBytes,
            long nanosPerInstruction, List<BundleManifest.DiskLayer> diskLayers, List<BundleManifest.RecordedDisk> disks,
            long watchdogNanos) {
    }

    /** The sha256 field of a disk layer that was not frozen at the start of the run (not replayable). */
    public static final String UNFROZEN = "unfrozen";

    private final Recording recording;
    private final Setup setup;
    private final SystemMap symbols;

    public RunRecorder(Recording recording, Setup setup, SystemMap symbols) {
        this.recording = recording;
        this.setup = setup;
        this.symbols = symbols;
    }

    public Recording recording() {
        return recording;
    }

    /**
     * Completes the bundle for a run that ended with {@code reason} (e.g. "triple fault");
     * returns its directory: the --record directory, or a fresh one under {@code crashParent}.
     */
    public Path finish(Machine machine, String reason, String detail, Path crashParent) throws IOException {
        Cpu cpu = machine.cpu();
        BundleManifest manifest = new BundleManifest(version(), setup.arguments(),
                digest(setup.kernel()), setup.initrd() == null ? null : digest(setup.initrd()), setup.commandLine(),
                setup.ramBytes(), setup.nanosPerInstruction(), setup.diskLayers(), setup.disks(),
                new BundleManifest.Crash(reason, detail, cpu.instructionCount()), setup.watchdogNanos());
        CpuDebugTarget memory = new CpuDebugTarget(cpu, machine.memory());
        List<String> backtrace = Backtrace.of(memory::readMemory, cpu.eip(), cpu.reg(Cpu.ESP), cpu.reg(Cpu.EBP),
                symbols, 32, 512);
        return recording.finish(new CrashBundleWriter(symbols), manifest, CpuRegisters.snapshot(cpu), recent(cpu),
                backtrace, CrashBundleWriter.freshDirectory(crashParent, Instant.now()));
    }

    /**
     * The CPU's last executed linear EIPs, numbered as the last ones retired (approximate where an
     * exception or a REP chunk counted differently; a replay with --trace gives the exact list).
     */
    private static List<InstructionRing.Entry> recent(Cpu cpu) {
        int[] eips = cpu.recentEips();
        List<InstructionRing.Entry> out = new ArrayList<>(eips.length);
        long first = cpu.instructionCount() - eips.length + 1;
        for (int i = 0; i < eips.length; i++) {
            out.add(new InstructionRing.Entry(first + i, eips[i]));
        }
        return out;
    }

    /** Where crash bundles of runs without --record go: $JMOO_CRASH_DIR, else the temporary directory. */
    public static Path crashBundleParent() {
        String dir = System.getenv("JMOO_CRASH_DIR");
        return Path.of(dir != null && !dir.isEmpty() ? dir : System.getProperty("java.io.tmpdir"));
    }

    private static BundleManifest.FileDigest digest(Path file) throws IOException {
        return new BundleManifest.FileDigest(file.toAbsolutePath().toString(), Sha256.ofFile(file));
    }

    private static String version() {
        String v = RunRecorder.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build (run from classes)";
    }
}
