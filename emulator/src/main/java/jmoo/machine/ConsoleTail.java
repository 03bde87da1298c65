package jmoo.machine;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * Keeps the last few KiB the guest wrote to its console (for crash reports and to recognise a
 * kernel's final messages) and forwards every byte to the real sink.
 */
public final class ConsoleTail implements IntConsumer {
    private static final int SIZE = 4096;

    private final IntConsumer sink;
    private final byte[] ring = new byte[SIZE];
    private long written;

    public ConsoleTail(IntConsumer sink) {
        this.sink = sink;
    }

    @Override
    public void accept(int b) {
        ring[(int) (written++ % SIZE)] = (byte) b;
        sink.accept(b);
    }

    /** Total bytes the guest wrote. */
    public long bytesWritten() {
        return written;
    }

    /** The retained tail, decoded as UTF-8 (a split character at the start shows as U+FFFD). */
    public String text() {
        int n = (int) Math.min(written, SIZE);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((written - n + i) % SIZE)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The last {@code n} bytes (fewer when less was written), decoded as UTF-8. */
    public String lastChars(int n) {
        String t = text();
        return t.substring(Math.max(0, t.length() - n));
    }

    public boolean containsAny(String... needles) {
        String t = text();
        for (String n : needles) {
            if (t.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** The last {@code lines} lines of the tail. */
    public String lastLines(int lines) {
        String[] all = text().replace("\r", "").split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
