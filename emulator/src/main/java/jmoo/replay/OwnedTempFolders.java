package jmoo.replay;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary folders of one run (a session COW, a recording), named {@code PREFIX-PID-RANDOM}
 * after the process that owns them, and the sweep that removes those a killed run (kill -9, a
 * crashed JVM) left behind. A folder is stale only when its name is exactly the prefix's scheme
 * and no process with its PID is alive: a live run's folder is never touched (a reused PID keeps
 * a stale folder, the safe way round). The PID is only meaningful within one PID namespace: runs
 * that share a temporary folder across containers must give each its own {@code java.io.tmpdir}.
 * The folders hold files only (no sub-folders).
 */
public final class OwnedTempFolders {
    private OwnedTempFolders() {
    }

    /** A new, empty folder {@code PREFIX-PID-RANDOM} for this process in {@code parent}. */
    public static Path create(Path parent, String prefix) throws IOException {
        return Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-");
    }

    /** The default temporary folder ({@code java.io.tmpdir}). */
    public static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes the stale {@code prefix} folders directly in {@code parent} and the files in them;
     * returns those removed. Never fails: a folder it cannot read or delete (another user's) is left.
     */
    public static List<Path> sweepStale(Path parent, String prefix) {
        Pattern scheme = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,18})-\\d{1,20}");
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                if (isStale(entry, scheme) && deleteFlat(entry)) {
                    removed.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is a courtesy: the new run goes on either way
        }
        return removed;
    }

    private static boolean isStale(Path entry, Pattern scheme) {
        Matcher name = scheme.matcher(entry.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        long pid = Long.parseLong(name.group(1));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** The folder's files, then the folder; false if anything is left. */
    public static boolean deleteFlat(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
