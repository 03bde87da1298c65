package jmoo.disk;

import java.nio.file.Path;

/**
 * How to open a disk chain. Immutable; start from {@link #readOnly()} or {@link #writable()}.
 *
 * @param write          open the top layer for writing (lower layers are never written)
 * @param backingChecks  refuse a backing whose size or mtime differs from the COW header (UML's check)
 * @param backingOverride the top COW's backing file, instead of its header path (UML's
 *                       {@code COW,BACKING}, uml_moo's {@code -b}); null for "as recorded"
 * @param maxDepth       the most layers a chain may have
 */
public record OpenOptions(boolean write, boolean backingChecks, Path backingOverride, int maxDepth) {
    public static final int DEFAULT_MAX_DEPTH = 256;

    public static OpenOptions readOnly() {
        return new OpenOptions(false, true, null, DEFAULT_MAX_DEPTH);
    }

    public static OpenOptions writable() {
        return new OpenOptions(true, true, null, DEFAULT_MAX_DEPTH);
    }

    /** Accept a backing whose size or mtime differs from the header (the explicit override). */
    public OpenOptions withoutBackingChecks() {
        return new OpenOptions(write, false, backingOverride, maxDepth);
    }

    public OpenOptions withBacking(Path backing) {
        return new OpenOptions(write, backingChecks, backing, maxDepth);
    }

    public OpenOptions withMaxDepth(int depth) {
        return new OpenOptions(write, backingChecks, backingOverride, depth);
    }
}
