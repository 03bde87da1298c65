package jmoo.disks;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;

/**
 * Opens the disk of one {@link UbdArgument} as UML would, through the COW engine:
 * <ul>
 * <li>one file: a COW (its backings followed through the headers) or a plain image;</li>
 * <li>several: UML's {@code COW,BACKING} when the first file is a COW or does not exist yet,
 * otherwise base first ({@code base,previous,current}); every file but the base must be a COW;</li>
 * <li>a missing top COW is created over the file below it (as UML does), only the top may be
 * missing;</li>
 * <li>{@code d}: exactly one plain image, never a COW; {@code r}: read-only;
 * {@code s}: a flush after every write (by the port block, {@link OpenedDisk#toUbdDisk()}).</li>
 * </ul>
 * Every failure is a one-line {@link UserError} naming the argument, the file and the reason.
 */
public final class DiskOpener {
    private DiskOpener() {
    }

    public static OpenedDisk open(UbdArgument arg) throws UserError {
        try {
            return openChecked(arg);
        } catch (IOException e) {
            throw new UserError(arg.text() + ": " + describe(e));
        }
    }

    private static OpenedDisk openChecked(UbdArgument arg) throws IOException, UserError {
        List<Path> files = arg.files();
        Path created = null;
        if (arg.flags().noCow()) {
            checkPlainImage(arg, files.get(0));
        } else {
            created = createMissingTop(arg);
            checkLayers(arg, created);
        }
        OpenOptions options = arg.flags().readOnly() ? OpenOptions.readOnly() : OpenOptions.writable();
        CowChain chain;
        try {
            chain = CowChain.open(files, options);
        } catch (IOException e) {
            deleteQuietly(created);
            throw e;
        }
        return new OpenedDisk(arg, chain, created);
    }

    private static void checkPlainImage(UbdArgument arg, Path file) throws IOException, UserError {
        if (!Files.exists(file)) {
            throw new UserError(arg.text() + ": " + file + ": no such file (the d flag uses an existing plain image)");
        }
        if (CowFiles.isCow(file)) {
            throw new UserError(arg.text() + ": " + file + ": is a COW file, but the d flag means a plain image"
                    + " (drop d to use the COW)");
        }
    }

    /** UML order when the first file is a COW or missing; base first when it is a plain image. */
    static boolean topFirst(List<Path> files) throws IOException {
        Path first = files.get(0);
        return !Files.exists(first) || CowFiles.isCow(first);
    }

    /** Creates the top COW when it is missing and a file below it is named; returns it, or null. */
    private static Path createMissingTop(UbdArgument arg) throws IOException, UserError {
        List<Path> files = arg.files();
        int n = files.size();
        boolean topFirst = topFirst(files);
        Path top = topFirst ? files.get(0) : files.get(n - 1);
        for (Path f : files) {
            if (!f.equals(top) && !Files.exists(f)) {
                throw new UserError(arg.text() + ": " + f + ": no such file");
            }
        }
        if (Files.exists(top)) {
            return null;
        }
        if (n == 1) {
            throw new UserError(arg.text() + ": " + top + ": no such file (to create a COW, name its backing:"
                    + " ubd" + arg.slot() + "=" + top + ",BACKING)");
        }
        Path below = topFirst ? files.get(1) : files.get(n - 2);
        CowFiles.create(top, below, false);
        return top;
    }

    /** Every named file but the base must be a COW: the engine would otherwise stop at a plain one. */
    private static void checkLayers(UbdArgument arg, Path created) throws IOException, UserError {
        List<Path> files = arg.files();
        if (files.size() < 2) {
            return;
        }
        boolean topFirst = created != null ? files.get(0).equals(created) : topFirst(files);
        int base = topFirst ? files.size() - 1 : 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (i != base && !f.equals(created) && !CowFiles.isCow(f)) {
                deleteQuietly(created);
                throw new UserError(arg.text() + ": " + f + ": is not a COW file; only the base of a chain"
                        + " (the " + (topFirst ? "last" : "first") + " file) may be a plain image");
            }
        }
    }

    private static void deleteQuietly(Path created) {
        if (created == null) {
            return;
        }
        try {
            Files.deleteIfExists(created);
        } catch (IOException e) {
            // the open already failed; that failure is what the user needs to see
        }
    }

    /** The engine's messages name the file already; the JDK's file exceptions get it added. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName();
            return fs.getFile() + ": " + reason;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
