package jmoo.replay;

import java.nio.file.Path;
import java.util.List;

/**
 * The contents of a crash bundle directory: manifest.json, input.log (the recorded inputs, to
 * replay from), console.log (the guest's console output), registers.txt, recent-instructions.txt
 * (the last executed instructions, oldest first) and backtrace.txt.
 *
 * @param inputLog the input log file (read from the bundle, or to be copied into it); null if none
 */
public record CrashBundle(BundleManifest manifest, RegisterSnapshot registers, byte[] consoleLog,
        List<InstructionRing.Entry> recentInstructions, List<String> backtrace, Path inputLog) {

    public static final String MANIFEST = "manifest.json";
    public static final String INPUT_LOG = "input.log";
    public static final String CONSOLE_LOG = "console.log";
    public static final String REGISTERS = "registers.txt";
    public static final String RECENT_INSTRUCTIONS = "recent-instructions.txt";
    public static final String BACKTRACE = "backtrace.txt";

    public CrashBundle {
        recentInstructions = List.copyOf(recentInstructions);
        backtrace = List.copyOf(backtrace);
    }
}
