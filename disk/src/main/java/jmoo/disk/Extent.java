package jmoo.disk;

/** A run of sectors [start, start+count). */
public record Extent(long start, long count) {
    public long end() {
        return start + count;
    }
}
