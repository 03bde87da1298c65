package jmoo.disk;

import java.nio.file.Path;
import java.util.List;

/** What {@link Check} found in a COW file, and what it repaired. */
public record CheckReport(Path file, List<String> problems, List<String> repaired) {
    /** True when nothing is left to fix. */
    public boolean clean() {
        return problems.size() == repaired.size();
    }
}
