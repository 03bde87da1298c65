package jmoo.disk;

/** Told how far a long operation has got; the CLI draws a bar from it. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} units (sectors) are finished. */
    void update(long done, long total);
}
