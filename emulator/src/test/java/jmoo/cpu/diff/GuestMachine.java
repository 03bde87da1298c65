package jmoo.cpu.diff;

import jmoo.cpu.Cpu;
import jmoo.cpu.StopReason;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * A CPU with RAM, the diff tables (GDT, IDT with HLT handlers) and a stack, for hand-built guest
 * snippets: write code at {@link EmulatorX86#CODE}, set registers, run to the end of the snippet or
 * to the handler of an exception.
 */
final class GuestMachine {
    final PhysicalMemory memory = new PhysicalMemory(EmulatorX86.RAM_BYTES);
    final Cpu cpu;
    private int end;

    GuestMachine() {
        EmulatorX86.installDescriptorTables(memory);
        cpu = EmulatorX86.newCpu(memory, new IoBus());
        cpu.setReg(Cpu.ESP, EmulatorX86.STACK_TOP);
    }

    /** Places {@code bytes} at CODE followed by a HLT and points EIP at them. */
    GuestMachine code(int... bytes) {
        return codeAt(EmulatorX86.CODE, bytes);
    }

    GuestMachine codeAt(int address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            memory.write8(address + i, bytes[i]);
        }
        memory.write8(address + bytes.length, 0xF4);
        memory.written(address, bytes.length + 1);
        if (address == EmulatorX86.CODE) {
            end = address + bytes.length;
            cpu.setEip(address);
        }
        return this;
    }

    /** Re-enters the snippet at CODE (to run it again on new inputs). */
    GuestMachine restart() {
        cpu.setEip(EmulatorX86.CODE);
        return this;
    }

    GuestMachine reg(int index, int value) {
        cpu.setReg(index, value);
        return this;
    }

    GuestMachine flags(int arithmeticFlags) {
        cpu.setEflags(arithmeticFlags | 2);
        return this;
    }

    /** Runs until EIP reaches the end of the snippet, or the CPU stops (HLT, exception handler). */
    StopReason runToEnd() {
        StopReason stop = StopReason.INSTRUCTION_LIMIT;
        for (int steps = 0; steps < 1000 && cpu.eip() != end && stop == StopReason.INSTRUCTION_LIMIT; steps++) {
            stop = cpu.run(1);
        }
        return stop;
    }

    /** Runs until the CPU halts (HLT or exception handler), at most {@code cap} instructions. */
    StopReason runToHalt(int cap) {
        StopReason stop = StopReason.INSTRUCTION_LIMIT;
        for (int steps = 0; steps < cap && stop == StopReason.INSTRUCTION_LIMIT; steps++) {
            stop = cpu.run(1);
        }
        return stop;
    }

    /** True when the snippet ran to its end without an exception. */
    boolean completed() {
        return cpu.eip() == end;
    }

    /** Vector of the exception handler the CPU halted in, or -1. */
    int exceptionVector() {
        int eip = cpu.eip();
        return eip > EmulatorX86.HANDLERS && eip <= EmulatorX86.HANDLERS + 32
                ? eip - EmulatorX86.HANDLERS - 1 : -1;
    }

    int reg(int index) {
        return cpu.reg(index);
    }

    int stack(int offsetFromEsp) {
        return memory.read32(cpu.reg(Cpu.ESP) + offsetFromEsp);
    }
}
