package jmoo.debug;

/** Hex text as the GDB remote protocol writes it: lower-case pairs, little-endian registers. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static void appendByte(StringBuilder sb, int b) {
        sb.append(DIGITS[(b >> 4) & 0xF]).append(DIGITS[b & 0xF]);
    }

    static String bytes(byte[] data, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            appendByte(sb, data[offset + i]);
        }
        return sb.toString();
    }

    /** {@code value} as {@code size} bytes, least significant first (target byte order). */
    static void appendLittleEndian(StringBuilder sb, int value, int size) {
        for (int i = 0; i < size; i++) {
            appendByte(sb, value >>> (8 * i));
        }
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: '" + c + "'");
    }

    /** Decodes pairs of hex digits from {@code text[from, from+2*length)}. */
    static byte[] decode(String text, int from, int length) {
        if (from + 2 * length > text.length()) {
            throw new IllegalArgumentException("expected " + length + " hex bytes, got: " + text.substring(from));
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (digit(text.charAt(from + 2 * i)) << 4 | digit(text.charAt(from + 2 * i + 1)));
        }
        return out;
    }

    /** A little-endian value of {@code size} bytes written as hex pairs (a register in 'G'/'P'). */
    static int littleEndian(String text, int from, int size) {
        byte[] b = decode(text, from, size);
        int v = 0;
        for (int i = Math.min(size, 4) - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    /** A big-endian hex number (addresses, lengths, register numbers), at most 64 bits. */
    static long number(String text) {
        if (text.isEmpty() || text.length() > 16) {
            throw new IllegalArgumentException("expected a hex number, got '" + text + "'");
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            v = v << 4 | digit(text.charAt(i));
        }
        return v;
    }
}
