package jmoo.debug;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic test machine that understands five real x86 encodings: 0x40 inc eax, 0x90 nop,
 * 0xA3 imm32 mov [imm32],eax, 0xEB rel8 jmp, 0xF4 hlt; 0x0B (ud2's second byte, standing in for
 * any other opcode) ends in a triple fault. Memory is 64 KiB at linear 0; beyond it is unmapped.
 * Watchpoints are checked on its only data access, the store; it has no interrupts.
 */
final class ToyX86Target implements DebugTarget {
    final byte[] memory = new byte[0x10000];
    private final Map<I386Register, Integer> registers = new EnumMap<>(I386Register.class);
    private long count;
    private List<Watchpoint> watchpoints = List.of();
    private StopEvent watchHit;

    ToyX86Target(int eip, int... code) {
        for (int i = 0; i < code.length; i++) {
            memory[eip + i] = (byte) code[i];
        }
        for (I386Register r : I386Register.integerRegisters()) {
            registers.put(r, 0);
        }
        registers.put(I386Register.EIP, eip);
        registers.put(I386Register.EFLAGS, 2);
    }

    @Override
    public int register(I386Register r) {
        return registers.get(r);
    }

    @Override
    public void setRegister(I386Register r, int value) {
        registers.put(r, value);
    }

    @Override
    public int readMemory(int address, byte[] buffer, int offset, int length) {
        int n = mappedBytes(address, length);
        if (n > 0) {
            System.arraycopy(memory, address, buffer, offset, n);
        }
        return n;
    }

    @Override
    public int writeMemory(int address, byte[] data, int offset, int length) {
        int n = mappedBytes(address, length);
        if (n > 0) {
            System.arraycopy(data, offset, memory, address, n);
        }
        return n;
    }

    private int mappedBytes(int address, int length) {
        return address < 0 || address >= memory.length ? 0 : Math.min(length, memory.length - address);
    }

    @Override
    public TargetState run(long maxInstructions) {
        for (long i = 0; i < maxInstructions; i++) {
            TargetState s = execute();
            if (s != TargetState.RUNNABLE || watchHit != null) {
                return s;
            }
        }
        return TargetState.RUNNABLE;
    }

    private TargetState execute() {
        int eip = register(I386Register.EIP);
        int op = memory[eip] & 0xFF;
        switch (op) {
            case 0x40 -> { setRegister(I386Register.EAX, register(I386Register.EAX) + 1); eip += 1; }
            case 0x90 -> eip += 1;
            case 0xA3 -> { store32(imm32(eip + 1), register(I386Register.EAX)); eip += 5; }
            case 0xEB -> eip += 2 + memory[eip + 1];
            case 0xF4 -> { count++; setRegister(I386Register.EIP, eip + 1); return TargetState.HALTED; }
            default -> { return TargetState.TRIPLE_FAULT; }
        }
        count++;
        setRegister(I386Register.EIP, eip);
        return TargetState.RUNNABLE;
    }

    private int imm32(int at) {
        return (memory[at] & 0xFF) | (memory[at + 1] & 0xFF) << 8 | (memory[at + 2] & 0xFF) << 16
                | (memory[at + 3] & 0xFF) << 24;
    }

    private void store32(int at, int value) {
        for (Watchpoint w : watchpoints) {
            if (watchHit == null && w.onWrites() && at < w.address() + w.length() && at + 4 > w.address()) {
                watchHit = w.hitAt(Math.max(at, w.address()));
            }
        }
        for (int i = 0; i < 4; i++) {
            memory[at + i] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public void setWatchpoints(List<Watchpoint> list) {
        watchpoints = List.copyOf(list);
        watchHit = null;
    }

    @Override
    public StopEvent takeWatchHit() {
        StopEvent hit = watchHit;
        watchHit = null;
        return hit;
    }

    @Override
    public void setStopAtInterruptEntry(boolean on) {
        // no interrupts
    }

    @Override
    public long instructionCount() {
        return count;
    }
}
