package jmoo.cpu.diff;

import java.util.Arrays;

/**
 * What one differential case puts in and gets out: the general registers (ESP is never loaded
 * natively and is only checked to stay unchanged in the emulator), EFLAGS, and the data window.
 */
final class MachineState {
    final int[] regs = new int[8];
    int eflags;
    final byte[] window = new byte[NativeX86.WINDOW];

    MachineState copy() {
        MachineState c = new MachineState();
        System.arraycopy(regs, 0, c.regs, 0, 8);
        c.eflags = eflags;
        System.arraycopy(window, 0, c.window, 0, window.length);
        return c;
    }

    /** Register value of an 8, 16 or 32-bit register as the ModRM reg encoding names it. */
    int readReg(int index, int size) {
        switch (size) {
            case 8:
                return index < 4 ? regs[index] & 0xFF : regs[index - 4] >>> 8 & 0xFF;
            case 16:
                return regs[index] & 0xFFFF;
            default:
                return regs[index];
        }
    }

    void writeReg(int index, int size, int value) {
        switch (size) {
            case 8:
                if (index < 4) {
                    regs[index] = regs[index] & ~0xFF | value & 0xFF;
                } else {
                    regs[index - 4] = regs[index - 4] & ~0xFF00 | (value & 0xFF) << 8;
                }
                break;
            case 16:
                regs[index] = regs[index] & ~0xFFFF | value & 0xFFFF;
                break;
            default:
                regs[index] = value;
        }
    }

    int readMem(int offset, int size) {
        int v = 0;
        for (int i = size / 8 - 1; i >= 0; i--) {
            v = v << 8 | window[offset + i] & 0xFF;
        }
        return v;
    }

    void writeMem(int offset, int size, int value) {
        for (int i = 0; i < size / 8; i++) {
            window[offset + i] = (byte) (value >>> 8 * i);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineState && Arrays.equals(regs, ((MachineState) o).regs)
                && eflags == ((MachineState) o).eflags && Arrays.equals(window, ((MachineState) o).window);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(regs) * 31 + eflags;
    }
}
