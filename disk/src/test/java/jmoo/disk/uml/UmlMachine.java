package jmoo.disk.uml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boots Debian's linux.uml headless on the test root filesystem (see {@link UmlRootfs}), runs a
 * shell script in the guest and powers off. Disks are UML's {@code ubdN=COW,BACKING} arguments.
 * The console (the kernel log and the script's output) is captured; the script's exit status
 * comes back on the line {@code JMOO-UML-DONE rc=N} that the image's /init prints.
 */
final class UmlMachine {
    private static final Pattern DONE = Pattern.compile("JMOO-UML-DONE rc=(\\d+)");
    private static final long TIMEOUT_SECONDS = 180;

    private final Path workDir;
    private final List<String> disks = new ArrayList<>();

    UmlMachine(Path workDir) {
        this.workDir = workDir;
    }

    /** Adds the next ubd disk: a COW file over its backing (UML's order). */
    UmlMachine disk(Path cow, Path backing) {
        disks.add("ubd" + disks.size() + "=" + cow + "," + backing);
        return this;
    }

    /** Adds the next ubd disk: a COW file alone, UML finding the backing through its header. */
    UmlMachine disk(Path cow) {
        disks.add("ubd" + disks.size() + "=" + cow);
        return this;
    }

    /** The result of one boot: the console text and the guest script's exit status. */
    record Boot(String console, int scriptStatus) {
        /** The rest of the first console line that starts with {@code key + " "}. */
        String value(String key) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " (\\S+)").matcher(console);
            if (!m.find()) {
                throw new AssertionError("the guest printed no '" + key + "' line; console:\n" + console);
            }
            return m.group(1);
        }
    }

    /** Boots, runs {@code script} (sh -e) in the guest, and requires that it succeeded. */
    Boot run(String script) throws IOException, InterruptedException {
        Path kernel = Oracles.tool("linux.uml");
        List<String> argv = new ArrayList<>(List.of(kernel.toString()));
        argv.addAll(disks);
        argv.addAll(List.of("root=/dev/ubda", "rw", "mem=64M", "con=null", "con0=fd:0,fd:1", "init=/init",
                "jmoo_script=" + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8))));
        ToolRun run = ToolRun.run(workDir, TIMEOUT_SECONDS, argv);
        Matcher m = DONE.matcher(run.output());
        if (run.timedOut() || !m.find()) {
            throw new AssertionError("UML " + (run.timedOut() ? "timed out" : "exited " + run.exitCode())
                    + " without finishing the guest script; " + String.join(" ", disks) + "; console ends with:\n"
                    + run.tail());
        }
        Boot boot = new Boot(run.output(), Integer.parseInt(m.group(1)));
        if (boot.scriptStatus() != 0) {
            throw new AssertionError("the guest script failed (rc=" + boot.scriptStatus() + "); console ends with:\n"
                    + run.tail());
        }
        return boot;
    }
}
