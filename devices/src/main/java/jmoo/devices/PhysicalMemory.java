package jmoo.devices;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest physical RAM: one byte[] from address 0, with little-endian views. Addresses at or above
 * the RAM size read as all ones and ignore writes (no MMIO on this machine).
 *
 * <p>The CPU reads and writes {@link #array()} directly on its hot path. Anyone else who writes
 * guest memory behind the CPU's back (a device doing DMA, the loader) must call
 * {@link #written(int, int)} so decoded-code caches of those pages are dropped.
 */
public final class PhysicalMemory {
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Told when memory was written by something other than the CPU. */
    public interface WriteListener {
        void written(int address, int length);
    }

    private final byte[] ram;
    private WriteListener listener;

    public PhysicalMemory(int sizeBytes) {
        if (sizeBytes <= 0 || (sizeBytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + sizeBytes);
        }
        this.ram = new byte[sizeBytes];
    }

    public byte[] array() {
        return ram;
    }

    public int size() {
        return ram.length;
    }

    public void setWriteListener(WriteListener listener) {
        this.listener = listener;
    }

    /** Reports a write by a device or loader to {@code [address, address+length)}. */
    public void written(int address, int length) {
        if (listener != null && length > 0) {
            listener.written(address, length);
        }
    }

    /**
     * True when {@code [address, address+length)} lies entirely inside RAM. Compares the length
     * with the room left after the address, so 64-bit addresses near 2^63 cannot wrap a sum.
     */
    public boolean contains(long address, long length) {
        return address >= 0 && address <= ram.length && length >= 0 && length <= ram.length - address;
    }

    public int read8(int address) {
        return Integer.compareUnsigned(address, ram.length) < 0 ? ram[address] & 0xFF : 0xFF;
    }

    public int read16(int address) {
        if (Integer.compareUnsigned(address, ram.length - 1) < 0) {
            return (short) SHORT_LE.get(ram, address) & 0xFFFF;
        }
        return read8(address) | read8(address + 1) << 8;
    }

    public int read32(int address) {
        if (Integer.compareUnsigned(address, ram.length - 3) < 0) {
            return (int) INT_LE.get(ram, address);
        }
        return read16(address) | read16(address + 2) << 16;
    }

    public void write8(int address, int value) {
        if (Integer.compareUnsigned(address, ram.length) < 0) {
            ram[address] = (byte) value;
        }
    }

    public void write16(int address, int value) {
        if (Integer.compareUnsigned(address, ram.length - 1) < 0) {
            SHORT_LE.set(ram, address, (short) value);
        } else {
            write8(address, value);
            write8(address + 1, value >>> 8);
        }
    }

    public void write32(int address, int value) {
        if (Integer.compareUnsigned(address, ram.length - 3) < 0) {
            INT_LE.set(ram, address, value);
        } else {
            write16(address, value);
            write16(address + 2, value >>> 16);
        }
    }
}
