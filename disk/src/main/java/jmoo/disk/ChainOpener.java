package jmoo.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the files a user named into an open chain, top layer first. Files may be named in UML's
 * order ({@code COW,BACKING}: the first file is a COW) or base first ({@code initial,previous,
 * current}: the first file is a raw image); a COW whose backing was not named is followed
 * through its header path, recursively.
 */
final class ChainOpener {
    private final OpenOptions options;
    private final List<Layer> layers = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();

    private ChainOpener(OpenOptions options) {
        this.options = options;
    }

    static List<Layer> open(List<Path> named, OpenOptions options) throws IOException {
        if (named.isEmpty()) {
            throw new IllegalArgumentException("no disk file named");
        }
        ChainOpener opener = new ChainOpener(options);
        try {
            opener.walk(topDown(named, options));
            opener.checkBackings();
            return List.copyOf(opener.layers);
        } catch (IOException | RuntimeException e) {
            for (Layer l : opener.layers) {
                l.close();
            }
            throw e;
        }
    }

    /** The named files top first; an explicit {@code -b} backing is appended after the top. */
    private static List<Path> topDown(List<Path> named, OpenOptions options) throws IOException {
        List<Path> list = new ArrayList<>(named);
        if (list.size() > 1 && !startsWithCowMagic(list.get(0))) {
            Collections.reverse(list);
        }
        if (options.backingOverride() != null) {
            if (list.size() > 1) {
                throw new DiskOpenException(list.get(0), "a backing file was named twice (in the list and as -b)");
            }
            list.add(options.backingOverride());
        }
        return list;
    }

    private static boolean startsWithCowMagic(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DiskOpenException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            return CowHeaderCodec.isCow(ch);
        }
    }

    private void walk(List<Path> topDown) throws IOException {
        Path current = topDown.get(0);
        for (int i = 0; ; i++) {
            if (layers.size() >= options.maxDepth()) {
                throw new DiskOpenException(current, "the chain is deeper than " + options.maxDepth() + " layers");
            }
            Path real = realPath(current);
            if (!seen.add(real)) {
                throw new DiskOpenException(current, "the chain loops: this file is already one of its layers");
            }
            Layer layer = Layer.open(current, options.write() && layers.isEmpty());
            layers.add(layer);
            if (!(layer instanceof CowLayer cow)) {
                return;
            }
            current = i + 1 < topDown.size() ? topDown.get(i + 1) : backingFromHeader(cow);
        }
    }

    private static Path realPath(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new DiskOpenException(file, "no such file");
        }
        return file.toRealPath();
    }

    /** The header's backing path; a relative one resolves against the COW's folder, then the cwd. */
    static Path backingFromHeader(CowLayer cow) throws DiskOpenException {
        String recorded = cow.header().backingPath();
        if (recorded.isEmpty()) {
            throw new DiskOpenException(cow.path(), "the header names no backing file; name one");
        }
        Path p = Paths.get(recorded);
        if (p.isAbsolute()) {
            if (!Files.exists(p)) {
                throw new DiskOpenException(cow.path(), "backing file " + recorded + " (from the header) does not exist");
            }
            return p;
        }
        Path dir = cow.path().toAbsolutePath().getParent();
        Path besideCow = dir == null ? p : dir.resolve(p);
        if (Files.exists(besideCow)) {
            return besideCow;
        }
        if (Files.exists(p)) {
            return p;
        }
        throw new DiskOpenException(cow.path(), "backing file " + recorded
                + " (from the header) exists neither beside the COW nor in the working directory");
    }

    /** UML's checks (exact size, mtime in whole seconds), then the header update UML makes. */
    private void checkBackings() throws IOException {
        for (int i = 0; i + 1 < layers.size(); i++) {
            CowLayer cow = (CowLayer) layers.get(i);
            Layer backing = layers.get(i + 1);
            if (options.backingChecks()) {
                BackingCheck.verify(cow, backing);
            }
        }
        if (options.write() && layers.get(0) instanceof CowLayer top && layers.size() > 1) {
            String path = BackingCheck.recordedPathFor(layers.get(1).path());
            if (!path.equals(top.header().backingPath()) && !sameFile(top, layers.get(1).path())) {
                top.rewriteHeader(top.header().withBackingPath(path));
            }
        }
    }

    private static boolean sameFile(CowLayer cow, Path backing) {
        try {
            return Files.isSameFile(backingFromHeader(cow), backing);
        } catch (IOException e) {
            return false;
        }
    }
}
