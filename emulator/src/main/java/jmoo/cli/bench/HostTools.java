package jmoo.cli.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the external emulators a bench mode compares with. */
final class HostTools {
    private HostTools() {
    }

    /** Null when {@code tool} is an executable on the PATH, else a note saying it is not installed. */
    static String missingReason(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    return null;
                }
            }
        }
        return tool + " is not installed";
    }
}
