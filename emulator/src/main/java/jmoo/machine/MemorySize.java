package jmoo.machine;

/** Parses a RAM size the way UML's {@code mem=} does: plain bytes or a K, M or G suffix. */
public final class MemorySize {
    public static final long DEFAULT = 64L << 20;
    /** Smallest RAM Linux boots in here. */
    public static final long MIN = 4L << 20;
    /** Guest RAM is one Java array. */
    public static final long MAX = 0x7FFFF000L;

    private MemorySize() {
    }

    /**
     * @return the size in bytes, rounded up to a whole 4 KiB page
     * @throws IllegalArgumentException with a one-line explanation
     */
    public static long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("mem=: empty size (expected e.g. 64M, 1G or a number of bytes)");
        }
        long unit = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mem=" + text + ": not a size (expected e.g. 64M, 1G or a number of bytes)");
        }
        if (n <= 0 || n > MAX / unit) {
            throw new IllegalArgumentException("mem=" + text + ": must be between 4M and 2047M");
        }
        long bytes = (n * unit + 0xFFF) & ~0xFFFL;
        if (bytes < MIN || bytes > MAX) {
            throw new IllegalArgumentException("mem=" + text + ": must be between 4M and 2047M");
        }
        return bytes;
    }
}
