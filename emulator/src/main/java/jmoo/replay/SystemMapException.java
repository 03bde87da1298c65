package jmoo.replay;

import java.io.IOException;
import java.nio.file.Path;

/** A System.map line that is not "ADDRESS TYPE NAME"; names the file and line. */
public final class SystemMapException extends IOException {
    public SystemMapException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
