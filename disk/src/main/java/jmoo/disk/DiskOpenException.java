package jmoo.disk;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A disk, or one layer of a chain, cannot be opened as asked: a missing backing file, a backing
 * whose size or modification time differs from what the COW header recorded, a cycle or an absurd
 * depth in a chain, a file locked by another writer. The message names the file and the problem.
 */
public class DiskOpenException extends IOException {
    private final Path file;
    private final String problem;

    public DiskOpenException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The message without the file name in front. */
    public String problem() {
        return problem;
    }

    public Path file() {
        return file;
    }
}
