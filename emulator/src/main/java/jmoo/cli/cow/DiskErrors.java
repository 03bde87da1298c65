package jmoo.cli.cow;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import jmoo.cli.UserError;
import jmoo.disk.BackingMismatchException;

/** Turns the engine's and the JDK's I/O exceptions into one-line user errors naming the file. */
final class DiskErrors {
    private DiskErrors() {
    }

    static UserError toUserError(String command, IOException e, boolean canIgnoreMismatch) {
        String hint = e instanceof BackingMismatchException && canIgnoreMismatch
                ? " (" + ChainArgs.IGNORE_MISMATCH + " accepts it)" : "";
        return new UserError(command + ": " + describe(e) + hint, 1);
    }

    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + reason(fs);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
