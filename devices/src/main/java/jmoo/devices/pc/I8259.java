package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One Intel 8259A programmable interrupt controller: eight inputs, IRR/ISR/IMR, the ICW1-4
 * initialisation sequence, OCW2 (non-specific, specific and rotating EOI, set priority), OCW3
 * (read IRR/ISR, poll, special mask mode), automatic EOI. Inputs are edge-triggered unless
 * ICW1 selected level mode. Two of these make the PC's cascaded pair ({@link DualI8259}).
 */
final class I8259 {
    /** Returned by {@link #pendingIrq()} when nothing may be delivered. */
    static final int NONE = -1;

    private final String name;
    private int irr;
    private int isr;
    private int imr;
    private int lineLevels;        // current input levels, for edge detection
    private int vectorBase;
    private int priorityAdd;       // the input with the highest priority (rotation)
    private int initStep;          // 0 = operational, 1..3 = expecting ICW2..ICW4
    private boolean expectIcw4;
    private boolean singleMode;
    private boolean levelTriggered;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean specialMask;
    private boolean specialFullyNested;
    private boolean readIsr;
    private boolean pollPending;
    private int icw3;

    I8259(String name) {
        this.name = name;
        reset();
    }

    String name() {
        return name;
    }

    void reset() {
        irr = 0;
        isr = 0;
        imr = 0;
        lineLevels = 0;
        vectorBase = 0;
        priorityAdd = 0;
        initStep = 0;
        expectIcw4 = false;
        singleMode = false;
        levelTriggered = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
        specialMask = false;
        specialFullyNested = false;
        readIsr = false;
        pollPending = false;
        icw3 = 0;
    }

    /** Drives input {@code irq} (0-7) to {@code level}. */
    void setInput(int irq, boolean level) {
        int mask = 1 << irq;
        if (levelTriggered) {
            irr = level ? irr | mask : irr & ~mask;
        } else if (level && (lineLevels & mask) == 0) {
            irr |= mask;
        }
        lineLevels = level ? lineLevels | mask : lineLevels & ~mask;
    }

    /** The input that would be delivered now (highest priority, unmasked, above any in service), or NONE. */
    int pendingIrq() {
        int requestPriority = priorityOf(irr & ~imr);
        if (requestPriority == 8) {
            return NONE;
        }
        int inService = isr;
        if (specialMask) {
            inService &= ~imr;
        }
        if (specialFullyNested) {
            inService &= ~icw3; // a cascaded slave may interrupt while its input is in service
        }
        return requestPriority < priorityOf(inService) ? (requestPriority + priorityAdd) & 7 : NONE;
    }

    /** The interrupt acknowledge cycle for input {@code irq}: moves it from IRR to ISR. */
    void acknowledge(int irq) {
        int mask = 1 << irq;
        if (!levelTriggered) {
            irr &= ~mask;
        }
        if (autoEoi) {
            if (rotateOnAutoEoi) {
                priorityAdd = (irq + 1) & 7;
            }
        } else {
            isr |= mask;
        }
    }

    int vectorBase() {
        return vectorBase;
    }

    /** Priority rank 0 (highest) .. 7 of the best input in {@code mask}, or 8 for none. */
    private int priorityOf(int mask) {
        if ((mask & 0xFF) == 0) {
            return 8;
        }
        int p = 0;
        while ((mask & (1 << ((p + priorityAdd) & 7))) == 0) {
            p++;
        }
        return p;
    }

    /** Port write; {@code a0} is address bit 0 (0 = command port, 1 = data port). */
    void write(int a0, int value) {
        value &= 0xFF;
        if (a0 == 0) {
            if ((value & 0x10) != 0) {
                startInitialisation(value);
            } else if ((value & 0x08) != 0) {
                operationCommand3(value);
            } else {
                operationCommand2(value);
            }
            return;
        }
        switch (initStep) {
            case 0 -> imr = value;
            case 1 -> {
                vectorBase = value & 0xF8;
                initStep = singleMode ? (expectIcw4 ? 3 : 0) : 2;
            }
            case 2 -> {
                icw3 = value;
                initStep = expectIcw4 ? 3 : 0;
            }
            default -> {
                specialFullyNested = (value & 0x10) != 0;
                autoEoi = (value & 0x02) != 0;
                initStep = 0;
            }
        }
    }

    private void startInitialisation(int icw1) {
        int keepLevels = lineLevels;
        reset();
        lineLevels = keepLevels;
        expectIcw4 = (icw1 & 0x01) != 0;
        singleMode = (icw1 & 0x02) != 0;
        levelTriggered = (icw1 & 0x08) != 0;
        initStep = 1;
    }

    private void operationCommand3(int value) {
        if ((value & 0x04) != 0) {
            pollPending = true;
        }
        if ((value & 0x02) != 0) {
            readIsr = (value & 0x01) != 0;
        }
        if ((value & 0x40) != 0) {
            specialMask = (value & 0x20) != 0;
        }
    }

    private void operationCommand2(int value) {
        int command = value >> 5;
        switch (command) {
            case 0 -> rotateOnAutoEoi = false;
            case 4 -> rotateOnAutoEoi = true;
            case 1, 5 -> { // non-specific EOI (5: and rotate)
                int p = priorityOf(isr);
                if (p != 8) {
                    int irq = (p + priorityAdd) & 7;
                    isr &= ~(1 << irq);
                    if (command == 5) {
                        priorityAdd = (irq + 1) & 7;
                    }
                }
            }
            case 3 -> isr &= ~(1 << (value & 7));
            case 6 -> priorityAdd = (value + 1) & 7;
            case 7 -> {
                isr &= ~(1 << (value & 7));
                priorityAdd = ((value & 7) + 1) & 7;
            }
            default -> {
                // 2: no operation
            }
        }
    }

    /**
     * Port read. A pending poll command answers 0x80|irq (acknowledging it) or 0; otherwise the
     * command port reads IRR or ISR as selected by OCW3 and the data port reads IMR.
     */
    int read(int a0) {
        if (pollPending) {
            pollPending = false;
            int irq = pendingIrq();
            if (irq == NONE) {
                return 0;
            }
            acknowledge(irq);
            return 0x80 | irq;
        }
        if (a0 == 0) {
            return readIsr ? isr : irr;
        }
        return imr;
    }

    int irr() {
        return irr;
    }

    int isr() {
        return isr;
    }

    int imr() {
        return imr;
    }

    void save(DataOutput out) throws IOException {
        out.writeByte(irr);
        out.writeByte(isr);
        out.writeByte(imr);
        out.writeByte(lineLevels);
        out.writeByte(vectorBase);
        out.writeByte(priorityAdd);
        out.writeByte(initStep);
        out.writeByte(icw3);
        int flags = (expectIcw4 ? 1 : 0) | (singleMode ? 2 : 0) | (levelTriggered ? 4 : 0)
                | (autoEoi ? 8 : 0) | (rotateOnAutoEoi ? 16 : 0) | (specialMask ? 32 : 0)
                | (specialFullyNested ? 64 : 0) | (readIsr ? 128 : 0) | (pollPending ? 256 : 0);
        out.writeShort(flags);
    }

    void restore(DataInput in) throws IOException {
        irr = in.readUnsignedByte();
        isr = in.readUnsignedByte();
        imr = in.readUnsignedByte();
        lineLevels = in.readUnsignedByte();
        vectorBase = in.readUnsignedByte();
        priorityAdd = in.readUnsignedByte() & 7;
        initStep = in.readUnsignedByte() & 3;
        icw3 = in.readUnsignedByte();
        int flags = in.readUnsignedShort();
        expectIcw4 = (flags & 1) != 0;
        singleMode = (flags & 2) != 0;
        levelTriggered = (flags & 4) != 0;
        autoEoi = (flags & 8) != 0;
        rotateOnAutoEoi = (flags & 16) != 0;
        specialMask = (flags & 32) != 0;
        specialFullyNested = (flags & 64) != 0;
        readIsr = (flags & 128) != 0;
        pollPending = (flags & 256) != 0;
    }
}
