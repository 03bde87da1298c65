package jmoo.devices;

import java.util.Arrays;

/**
 * The x86 I/O port space: 65536 ports, each owned by at most one handler. Unowned ports read
 * as all ones and ignore writes, as on a PC; they are counted so the monitor can show them.
 */
public final class IoBus {
    private static final IoPortHandler UNMAPPED = new IoPortHandler() {
        @Override
        public int in(int port, int size) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }

        @Override
        public void out(int port, int size, int value) {
        }
    };

    private final IoPortHandler[] handlers = new IoPortHandler[0x10000];
    private long unmappedAccesses;

    public IoBus() {
        Arrays.fill(handlers, UNMAPPED);
    }

    /** Gives ports {@code first .. first+count-1} to {@code handler}; refuses overlaps. */
    public void register(int first, int count, IoPortHandler handler) {
        if (first < 0 || count <= 0 || first + count > handlers.length) {
            throw new IllegalArgumentException("port range out of bounds: " + first + "+" + count);
        }
        for (int p = first; p < first + count; p++) {
            if (handlers[p] != UNMAPPED) {
                throw new IllegalStateException(String.format("port 0x%x is already registered", p));
            }
        }
        Arrays.fill(handlers, first, first + count, handler);
    }

    public int in(int port, int size) {
        IoPortHandler h = handlers[port & 0xFFFF];
        if (h == UNMAPPED) {
            unmappedAccesses++;
        }
        return h.in(port & 0xFFFF, size);
    }

    public void out(int port, int size, int value) {
        IoPortHandler h = handlers[port & 0xFFFF];
        if (h == UNMAPPED) {
            unmappedAccesses++;
        }
        h.out(port & 0xFFFF, size, value);
    }

    public long unmappedAccesses() {
        return unmappedAccesses;
    }
}
