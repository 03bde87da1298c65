package jmoo.cli.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jmoo.machine.Watchdog;
import jmoo.replay.BundleManifest;
import jmoo.replay.CrashBundle;
import jmoo.replay.InputEvent;
import jmoo.replay.InputLogReader;

/** What {@code ./jmoo replay BUNDLE --info} prints: the crash, the machine, the inputs. */
final class BundleSummary {
    private BundleSummary() {
    }

    static void print(Path dir, CrashBundle b, List<String> problems, PrintStream out) throws IOException {
        BundleManifest m = b.manifest();
        out.println("bundle:   " + dir);
        out.println("crash:    " + m.crash().reason() + " at instruction " + m.crash().instructionCount()
                + (m.crash().detail().isEmpty() ? "" : " (" + m.crash().detail() + ")"));
        out.println("jmoo:     " + m.jmooVersion() + ", arguments: " + String.join(" ", m.arguments()));
        out.println("kernel:   " + m.kernel().path() + " sha256 " + m.kernel().sha256());
        if (m.initrd() != null) {
            out.println("initrd:   " + m.initrd().path() + " sha256 " + m.initrd().sha256());
        }
        out.println("cmdline:  " + m.commandLine());
        out.println("machine:  " + (m.memoryBytes() >> 20) + " MiB RAM, " + m.nanosPerInstruction() + " ns per instruction"
                + (m.watchdogNanos() > 0 ? ", watchdog " + Watchdog.seconds(m.watchdogNanos()) + " s" : ""));
        for (BundleManifest.DiskLayer l : m.diskLayers()) {
            out.println("disk:     " + l.disk() + " layer " + l.depth() + " " + l.path() + " sha256 " + l.sha256());
        }
        for (BundleManifest.RecordedDisk d : m.disks()) {
            out.println("disk:     " + d.disk() + (d.flags().isEmpty() ? "" : " flags " + d.flags())
                    + (d.runTop() == null ? " (read-only)" : ", frozen at the start; the run wrote to " + d.runTop()));
        }
        out.println("inputs:   " + inputs(b));
        out.println("console:  " + b.consoleLog().length + " bytes");
        out.println("registers: " + b.registers().values().size() + ", recent instructions: "
                + b.recentInstructions().size() + ", backtrace lines: " + b.backtrace().size());
        if (problems.isEmpty()) {
            out.println("check:    kernel, initrd and disk layers match the recording");
        }
        for (String p : problems) {
            out.println("problem:  " + p);
        }
    }

    private static String inputs(CrashBundle b) throws IOException {
        if (b.inputLog() == null) {
            return "none recorded (the bundle cannot be replayed)";
        }
        long bytes = 0;
        long records = 0;
        long wakes = 0;
        String start = "no start time";
        for (InputEvent e : InputLogReader.readAll(b.inputLog())) {
            switch (e.kind()) {
                case CONSOLE -> {
                    bytes += e.consoleBytes().length;
                    records++;
                }
                case IDLE_WAKE -> wakes++;
                case START_TIME -> start = "start time " + Instant.ofEpochSecond(e.startTimeEpochSeconds());
            }
        }
        return bytes + " console bytes in " + records + " deliveries, " + wakes + " early idle wake-ups, " + start;
    }
}
