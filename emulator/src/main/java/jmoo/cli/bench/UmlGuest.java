package jmoo.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import jmoo.cli.UserError;

/**
 * Debian's linux.uml booting the images/uml root filesystem (built by
 * images/uml/build-rootfs.sh), whose /init runs a shell script passed base64-encoded on the
 * kernel command line and powers off. Disks are UML's {@code ubdN=COW,BACKING} arguments.
 */
final class UmlGuest {
    static final String UML = "linux.uml";
    private static final int ROOTFS_MIB = 16;

    private UmlGuest() {
    }

    /** Builds the UML root filesystem image at {@code image} (needs mke2fs and an x86-64 busybox). */
    static void buildRootfs(Path repoRoot, Path image) throws IOException, UserError {
        Path script = repoRoot.resolve("images/uml/build-rootfs.sh");
        Command.run(List.of("bash", script.toString(), image.toString(), Integer.toString(ROOTFS_MIB)), 300, line -> { });
    }

    static List<String> commandLine(List<String> disks, String script) {
        List<String> argv = new ArrayList<>(List.of(UML));
        argv.addAll(disks);
        argv.addAll(List.of("root=/dev/ubda", "rw", "mem=64M", "con=null", "con0=fd:0,fd:1", "init=/init",
                "jmoo_script=" + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8))));
        return argv;
    }

    static ChildGuest.Run run(List<String> disks, String script, long timeoutSeconds, Predicate<ConsoleLine> stopAt)
            throws IOException, UserError {
        return ChildGuest.run(commandLine(disks, script), timeoutSeconds, stopAt);
    }
}
