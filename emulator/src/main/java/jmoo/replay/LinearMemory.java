package jmoo.replay;

/** Guest memory by linear address, as a crash report reads it (jmoo.debug.DebugTarget::readMemory fits). */
@FunctionalInterface
public interface LinearMemory {
    /** Reads up to {@code length} bytes; returns how many were readable (stops at unmapped memory). */
    int read(int address, byte[] buffer, int offset, int length);

    /** The little-endian 32-bit word at {@code address}, or null when any byte of it is unmapped. */
    default Integer read32(int address) {
        byte[] b = new byte[4];
        if (read(address, b, 0, 4) != 4) {
            return null;
        }
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }
}
