package jmoo.bench.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch folder for one benchmark trial, on the work disk (the system property
 * {@code jmoo.bench.dir}, else {@code java.io.tmpdir}), removed with everything in it afterwards.
 */
final class BenchDir implements AutoCloseable {
    private final Path dir;

    BenchDir() {
        String parent = System.getProperty("jmoo.bench.dir", System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(Path.of(parent));
            dir = Files.createTempDirectory(Path.of(parent), "jmoo-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a benchmark folder under " + parent, e);
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove benchmark folder " + dir, e);
        }
    }
}
