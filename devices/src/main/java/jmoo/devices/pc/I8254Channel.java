package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One counter of the 8254: mode, access mode (LSB, MSB, LSB then MSB), BCD, the count and its
 * output, all computed from the tick at which counting started rather than decremented tick by
 * tick. Modes 0-5 are modelled; the gate matters only for channel 2 (channels 0/1 have it tied high).
 */
final class I8254Channel {
    static final int ACCESS_LATCH = 0;
    static final int ACCESS_LSB = 1;
    static final int ACCESS_MSB = 2;
    static final int ACCESS_WORD = 3;

    private int mode;
    private int access = ACCESS_WORD;
    private boolean bcd;
    private int reload;              // 1 .. 0x10000 (a written 0 means 65536, 10000 in BCD)
    private boolean loaded;          // a count was written since the control word
    private boolean started;         // counting has begun (modes 1 and 5 wait for a gate trigger)
    private boolean paused;          // modes 0 and 4 with the gate low: counting suspended
    private long startTick;          // tick at which the current count began
    private long pausedElapsed;      // ticks counted before the pause
    private boolean gate = true;
    private boolean writeMsbNext;    // LSB-then-MSB write toggle
    private int writtenLsb;
    private boolean readMsbNext;     // LSB-then-MSB read toggle (live reads)
    private int latchedCount = -1;   // -1: none
    private int latchedBytesLeft;
    private int latchedStatus = -1;  // -1: none

    void reset() {
        mode = 0;
        access = ACCESS_WORD;
        bcd = false;
        reload = 0x10000;
        loaded = false;
        started = false;
        paused = false;
        startTick = 0;
        pausedElapsed = 0;
        gate = true;
        writeMsbNext = false;
        writtenLsb = 0;
        readMsbNext = false;
        latchedCount = -1;
        latchedBytesLeft = 0;
        latchedStatus = -1;
    }

    /** A control word for this counter (access mode 1-3): mode, access, BCD; stops counting. */
    void control(int controlWord) {
        access = (controlWord >> 4) & 3;
        mode = (controlWord >> 1) & 7;
        if (mode > 5) {
            mode -= 4; // 6 and 7 are aliases of 2 and 3
        }
        bcd = (controlWord & 1) != 0;
        loaded = false;
        started = false;
        paused = false;
        writeMsbNext = false;
        readMsbNext = false;
        latchedCount = -1;
        latchedStatus = -1;
    }

    /** A byte written to the counter's port. */
    void writeCount(int value, long now) {
        value &= 0xFF;
        switch (access) {
            case ACCESS_LSB -> load(value, now);
            case ACCESS_MSB -> load(value << 8, now);
            default -> {
                if (!writeMsbNext) {
                    writtenLsb = value;
                    writeMsbNext = true;
                } else {
                    writeMsbNext = false;
                    load(writtenLsb | value << 8, now);
                }
            }
        }
    }

    /**
     * A new count. Modes 1 and 5 wait for a gate trigger; the others start now (a running mode
     * 2/3 counter would switch at the end of its period: restarting at once only shifts the phase).
     */
    private void load(int count, long now) {
        int n = bcd ? fromBcd(count) : count;
        reload = n == 0 ? (bcd ? 10000 : 0x10000) : n;
        loaded = true;
        if (mode == 1 || mode == 5) {
            return;
        }
        start(now);
    }

    private void start(long now) {
        startTick = now;
        started = gate || mode == 0 || mode == 4;
        paused = !gate && (mode == 0 || mode == 4);
        pausedElapsed = 0;
    }

    /** Drives the gate input (channel 2 only on a PC). */
    void setGate(boolean level, long now) {
        if (level == gate) {
            return;
        }
        gate = level;
        if (!loaded) {
            return;
        }
        if (mode == 0 || mode == 4) {
            if (!level && started && !paused) {
                pausedElapsed = now - startTick;
                paused = true;
            } else if (level && paused) {
                startTick = now - pausedElapsed;
                paused = false;
            }
        } else if (level) {
            start(now);      // modes 1, 2, 3, 5 (re)start on a rising edge
        } else if (mode == 2 || mode == 3) {
            started = false; // counting stops, OUT goes high
        }
    }

    /** Counter latch command: freezes the current count for reading, unless one is already latched. */
    void latchCount(long now) {
        if (latchedCount < 0) {
            latchedCount = count(now);
            latchedBytesLeft = access == ACCESS_WORD ? 2 : 1;
        }
    }

    /** Read-back status latch: OUT, null count, and the programmed control bits. */
    void latchStatus(long now) {
        if (latchedStatus < 0) {
            latchedStatus = (output(now) ? 0x80 : 0) | (loaded ? 0 : 0x40) | access << 4 | mode << 1 | (bcd ? 1 : 0);
        }
    }

    /** A byte read from the counter's port. */
    int read(long now) {
        if (latchedStatus >= 0) {
            int s = latchedStatus;
            latchedStatus = -1;
            return s;
        }
        if (latchedCount >= 0) {
            int value = encode(latchedCount);
            boolean msb = access == ACCESS_MSB || access == ACCESS_WORD && latchedBytesLeft == 1;
            if (--latchedBytesLeft == 0) {
                latchedCount = -1;
            }
            return msb ? value >> 8 & 0xFF : value & 0xFF;
        }
        int value = encode(count(now));
        return switch (access) {
            case ACCESS_LSB -> value & 0xFF;
            case ACCESS_MSB -> value >> 8 & 0xFF;
            default -> {
                readMsbNext = !readMsbNext;
                yield readMsbNext ? value & 0xFF : value >> 8 & 0xFF;
            }
        };
    }

    private int encode(int count) {
        return bcd ? toBcd(count % 10000) : count & 0xFFFF;
    }

    /** Ticks counted so far, or -1 when the counter has not started. */
    private long elapsed(long now) {
        if (!started) {
            return -1;
        }
        return paused ? pausedElapsed : now - startTick;
    }

    /** The current count (0 stands for 65536 / 10000). */
    int count(long now) {
        long elapsed = elapsed(now);
        if (elapsed < 0) {
            return reload & 0xFFFF;
        }
        long value = switch (mode) {
            case 2 -> reload - elapsed % reload;
            case 3 -> (reload - 2 * elapsed % reload) & ~1L;
            default -> reload - elapsed; // one-shot modes wrap around and keep counting
        };
        return (int) value & 0xFFFF;
    }

    /** The OUT pin. */
    boolean output(long now) {
        long elapsed = elapsed(now);
        if (elapsed < 0) {
            return mode != 0; // mode 0 holds OUT low from the control word on; the others high
        }
        return switch (mode) {
            case 0, 1 -> elapsed >= reload;
            case 2 -> elapsed % reload != reload - 1;
            case 3 -> elapsed % reload < (reload + 1) / 2;
            default -> elapsed != reload; // 4, 5: one tick low at terminal count
        };
    }

    /** The first tick after {@code after} at which OUT rises, or Long.MAX_VALUE. */
    long nextRisingEdge(long after) {
        if (!started || paused) {
            return Long.MAX_VALUE;
        }
        long elapsed = after - startTick;
        long edge = switch (mode) {
            case 2, 3 -> startTick + (elapsed < 0 ? 0 : elapsed / reload + 1) * reload;
            case 0, 1 -> startTick + reload;
            default -> startTick + reload + 1;
        };
        return edge > after ? edge : Long.MAX_VALUE;
    }

    int mode() {
        return mode;
    }

    int reload() {
        return reload;
    }

    private static int fromBcd(int v) {
        return (v >> 12 & 0xF) * 1000 + (v >> 8 & 0xF) * 100 + (v >> 4 & 0xF) * 10 + (v & 0xF);
    }

    private static int toBcd(int v) {
        return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
    }

    void save(DataOutput out) throws IOException {
        out.writeByte(mode);
        out.writeByte(access);
        out.writeBoolean(bcd);
        out.writeInt(reload);
        out.writeBoolean(loaded);
        out.writeBoolean(started);
        out.writeBoolean(paused);
        out.writeLong(startTick);
        out.writeLong(pausedElapsed);
        out.writeBoolean(gate);
        out.writeBoolean(writeMsbNext);
        out.writeByte(writtenLsb);
        out.writeBoolean(readMsbNext);
        out.writeInt(latchedCount);
        out.writeByte(latchedBytesLeft);
        out.writeInt(latchedStatus);
    }

    void restore(DataInput in) throws IOException {
        mode = in.readUnsignedByte();
        access = in.readUnsignedByte();
        bcd = in.readBoolean();
        reload = in.readInt();
        loaded = in.readBoolean();
        started = in.readBoolean();
        paused = in.readBoolean();
        startTick = in.readLong();
        pausedElapsed = in.readLong();
        gate = in.readBoolean();
        writeMsbNext = in.readBoolean();
        writtenLsb = in.readUnsignedByte();
        readMsbNext = in.readBoolean();
        latchedCount = in.readInt();
        latchedBytesLeft = in.readUnsignedByte();
        latchedStatus = in.readInt();
    }
}
