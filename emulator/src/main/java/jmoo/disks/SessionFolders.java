package jmoo.disks;

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
 * The temporary folders of {@link SessionCow}s, named {@code jmoo-session-PID-RANDOM} after the
 * process that owns them, and the sweep that removes those a killed run (kill -9, a crashed JVM)
 * left behind. A folder is stale only when its name matches the scheme exactly and no process
 * with its PID is alive: a live run's folder is never touched (a reused PID keeps a stale
 * folder, the safe way round). The PID is only meaningful within one PID namespace: runs that
 * share a temporary folder across containers must give each its own {@code java.io.tmpdir}.
 */
final class SessionFolders {
    static final String PREFIX = "jmoo-session-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d{1,20}");

    private SessionFolders() {
    }

    /** A new, empty folder for this process's session in {@code parent}. */
    static Path create(Path parent) throws IOException {
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** The default temporary folder ({@code java.io.tmpdir}), where sessions are made. */
    static Path temporaryFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes the stale session folders directly in {@code parent} and the files in them; returns
     * those removed. Never fails: a folder it cannot read or delete (another user's) is left.
     */
    static List<Path> sweepStale(Path parent) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                if (isStale(entry) && deleteFlat(entry)) {
                    removed.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is a courtesy: the new run goes on either way
        }
        return removed;
    }

    private static boolean isStale(Path entry) {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        long pid = Long.parseLong(name.group(1));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** The folder's files (a session folder has no sub-folders), then the folder; false if any is left. */
    static boolean deleteFlat(Path dir) {
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
