package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.IntConsumer;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.IrqLine;
import jmoo.devices.PcLayout;
import jmoo.devices.TimedDevice;
import jmoo.devices.VirtualClock;

/**
 * A 16550A UART (COM1 at 0x3F8, IRQ 4). Transmission is instantaneous: a byte written to THR
 * goes straight to the host-side sink and THR/TSR are empty again, so THRE and TEMT always
 * read 1 and a THRE interrupt is raised after every write when enabled. Received bytes come
 * from the host through {@link #receive(int)} into a 16-byte FIFO (1 byte with FIFOs off).
 *
 * <p>Interrupt identification follows the 16550A priorities: line status, received data (FIFO
 * at the trigger level) or character timeout, THR empty, modem status. With FIFOs on, the
 * character timeout (IIR 0xC) comes when the receive FIFO holds data and no byte entered or
 * left it for 4 character times (from the programmed baud rate and frame format) of virtual
 * time; reading a byte clears it and restarts the count. As on a PC, the IRQ output reaches the
 * interrupt controller only while MCR.OUT2 is set and the chip is not in loopback. In loopback,
 * THR feeds the receiver and MCR drives the modem inputs.
 */
public final class Uart16550 implements Device, IoPortHandler, TimedDevice {
    private static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    // Register bits
    private static final int IER_RDA = 0x01;
    private static final int IER_THRE = 0x02;
    private static final int IER_RLS = 0x04;
    private static final int IER_MSI = 0x08;
    private static final int IIR_NONE = 0x01;
    private static final int IIR_MSI = 0x00;
    private static final int IIR_THRE = 0x02;
    private static final int IIR_RDA = 0x04;
    private static final int IIR_RLS = 0x06;
    private static final int IIR_TIMEOUT = 0x0C;
    private static final int IIR_FIFOS_ON = 0xC0;
    private static final int LCR_DLAB = 0x80;
    private static final int LCR_PARITY = 0x08;
    private static final int LCR_TWO_STOP_BITS = 0x04;
    private static final int LCR_WORD_LENGTH = 0x03;
    /** The receiver's timeout, in character times. */
    private static final int TIMEOUT_CHARACTERS = 4;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MCR_DTR = 0x01;
    private static final int MCR_RTS = 0x02;
    private static final int MCR_OUT1 = 0x04;
    private static final int MCR_OUT2 = 0x08;
    private static final int MCR_LOOP = 0x10;
    private static final int LSR_DR = 0x01;
    private static final int LSR_OE = 0x02;
    private static final int LSR_THRE = 0x20;
    private static final int LSR_TEMT = 0x40;
    private static final int MSR_CTS = 0x10;
    private static final int MSR_DSR = 0x20;
    private static final int MSR_DCD = 0x80;
    /** Modem inputs when not in loopback: the host side is always "connected" (CTS, DSR, DCD). */
    private static final int HOST_MODEM_LINES = MSR_CTS | MSR_DSR | MSR_DCD;

    private final String name;
    private final IrqLine irq;
    private final IntConsumer transmitSink;
    private final VirtualClock clock;

    private final int[] rxFifo = new int[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int lastRead;
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int divisor;
    private boolean fifosEnabled;
    private int triggerLevel;
    private boolean overrun;
    private boolean thrInterruptPending;
    private int msr;             // bits 4-7 current lines, bits 0-3 deltas
    private boolean irqLevel;
    /** Virtual time of the last byte into or out of the receive FIFO: the timeout counts from it. */
    private long rxActivityNanos;

    /**
     * @param transmitSink receives every byte the guest transmits (outside loopback)
     * @param clock virtual time, for the receiver's character timeout
     */
    public Uart16550(String name, IrqLine irq, IntConsumer transmitSink, VirtualClock clock) {
        this.name = name;
        this.irq = irq;
        this.transmitSink = transmitSink;
        this.clock = clock;
        reset();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        rxHead = 0;
        rxCount = 0;
        lastRead = 0;
        ier = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        divisor = 12; // 9600 baud
        fifosEnabled = false;
        triggerLevel = 1;
        overrun = false;
        thrInterruptPending = false;
        msr = HOST_MODEM_LINES;
        irqLevel = false;
        rxActivityNanos = clock.nanos();
        irq.set(false);
    }

    // --- host side ---------------------------------------------------------------------------

    /** Bytes the receive FIFO can still take from the host now (0 in loopback: the input is cut). */
    public int receiveSpace() {
        return (mcr & MCR_LOOP) != 0 ? 0 : capacity() - rxCount;
    }

    /** True when the guest enabled the received-data interrupt: a driver is listening. */
    public boolean receiverInterruptEnabled() {
        return (ier & IER_RDA) != 0;
    }

    /**
     * A byte from the host's console. Returns false (and drops nothing) when the FIFO is full
     * or the UART is in loopback; the caller keeps the byte for later.
     */
    public boolean receive(int b) {
        if (receiveSpace() == 0) {
            return false;
        }
        pushReceived(b);
        updateIrq();
        return true;
    }

    private int capacity() {
        return fifosEnabled ? FIFO_SIZE : 1;
    }

    private void pushReceived(int b) {
        if (rxCount == capacity()) {
            overrun = true;
            return;
        }
        rxFifo[(rxHead + rxCount) % FIFO_SIZE] = b & 0xFF;
        rxCount++;
        rxActivityNanos = clock.nanos();
    }

    // --- guest side ------------------------------------------------------------------------

    @Override
    public int in(int port, int size) {
        int value = switch (port & 7) {
            case 0 -> (lcr & LCR_DLAB) != 0 ? divisor & 0xFF : readReceiveBuffer();
            case 1 -> (lcr & LCR_DLAB) != 0 ? divisor >> 8 & 0xFF : ier;
            case 2 -> readInterruptIdentification();
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> readLineStatus();
            case 6 -> readModemStatus();
            default -> scr;
        };
        updateIrq();
        return value;
    }

    @Override
    public void out(int port, int size, int value) {
        value &= 0xFF;
        switch (port & 7) {
            case 0 -> {
                if ((lcr & LCR_DLAB) != 0) {
                    divisor = divisor & 0xFF00 | value;
                } else {
                    transmit(value);
                }
            }
            case 1 -> {
                if ((lcr & LCR_DLAB) != 0) {
                    divisor = divisor & 0xFF | value << 8;
                } else {
                    writeInterruptEnable(value);
                }
            }
            case 2 -> writeFifoControl(value);
            case 3 -> lcr = value;
            case 4 -> writeModemControl(value);
            case 5 -> {
                // LSR is read-only (factory test use only)
            }
            case 6 -> {
                // MSR is read-only
            }
            default -> scr = value;
        }
        updateIrq();
    }

    private int readReceiveBuffer() {
        if (rxCount > 0) {
            lastRead = rxFifo[rxHead];
            rxHead = (rxHead + 1) % FIFO_SIZE;
            rxCount--;
            rxActivityNanos = clock.nanos();
        }
        return lastRead;
    }

    private void transmit(int b) {
        if ((mcr & MCR_LOOP) != 0) {
            pushReceived(b);
        } else {
            transmitSink.accept(b);
        }
        thrInterruptPending = true; // sent at once: THR is empty again
    }

    private void writeInterruptEnable(int value) {
        int changed = (ier ^ value) & IER_THRE;
        ier = value & 0x0F;
        if (changed != 0) {
            thrInterruptPending = (ier & IER_THRE) != 0; // THR is always empty
        }
    }

    private void writeFifoControl(int value) {
        boolean enable = (value & 0x01) != 0;
        if (enable != fifosEnabled || (value & 0x02) != 0) {
            rxHead = 0;
            rxCount = 0;
        }
        fifosEnabled = enable;
        triggerLevel = TRIGGER_LEVELS[value >> 6 & 3];
    }

    private void writeModemControl(int value) {
        int before = modemInputs();
        mcr = value & 0x1F;
        int after = modemInputs();
        int changed = before ^ after;
        int deltas = 0;
        if ((changed & MSR_CTS) != 0) {
            deltas |= 0x01;
        }
        if ((changed & MSR_DSR) != 0) {
            deltas |= 0x02;
        }
        if ((before & 0x40) != 0 && (after & 0x40) == 0) {
            deltas |= 0x04; // trailing edge of RI
        }
        if ((changed & MSR_DCD) != 0) {
            deltas |= 0x08;
        }
        msr = after | (msr | deltas) & 0x0F;
    }

    /** MSR bits 4-7: from MCR in loopback (CTS=RTS, DSR=DTR, RI=OUT1, DCD=OUT2), else the host lines. */
    private int modemInputs() {
        if ((mcr & MCR_LOOP) == 0) {
            return HOST_MODEM_LINES;
        }
        return ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0) | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                | ((mcr & MCR_OUT1) != 0 ? 0x40 : 0) | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
    }

    private int readLineStatus() {
        int lsr = LSR_THRE | LSR_TEMT | (rxCount > 0 ? LSR_DR : 0) | (overrun ? LSR_OE : 0);
        overrun = false;
        return lsr;
    }

    private int readModemStatus() {
        int value = msr;
        msr &= 0xF0;
        return value;
    }

    private int readInterruptIdentification() {
        int id = currentInterrupt();
        if (id == IIR_THRE) {
            thrInterruptPending = false; // reading IIR acknowledges a THRE interrupt
        }
        return id | (fifosEnabled ? IIR_FIFOS_ON : 0);
    }

    /** The highest-priority pending interrupt's IIR code, or IIR_NONE. */
    private int currentInterrupt() {
        if ((ier & IER_RLS) != 0 && overrun) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0 && rxCount > 0) {
            if (!fifosEnabled) {
                return IIR_RDA;
            }
            if (characterTimedOut(clock.nanos())) {
                return IIR_TIMEOUT;
            }
            if (rxCount >= triggerLevel) {
                return IIR_RDA;
            }
        }
        if ((ier & IER_THRE) != 0 && thrInterruptPending) {
            return IIR_THRE;
        }
        if ((ier & IER_MSI) != 0 && (msr & 0x0F) != 0) {
            return IIR_MSI;
        }
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean connected = (mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;
        boolean level = connected && currentInterrupt() != IIR_NONE;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /** With FIFOs on: data waits in the receive FIFO and nothing moved it for 4 character times. */
    private boolean characterTimedOut(long nowNanos) {
        return fifosEnabled && rxCount > 0 && nowNanos >= timeoutDeadline();
    }

    private long timeoutDeadline() {
        return rxActivityNanos + TIMEOUT_CHARACTERS * characterNanos();
    }

    /** One frame on the line at the programmed rate: start bit, data bits, parity, stop bits. */
    long characterNanos() {
        int dataBits = 5 + (lcr & LCR_WORD_LENGTH);
        int halfStopBits = (lcr & LCR_TWO_STOP_BITS) == 0 ? 2 : dataBits == 5 ? 3 : 4;
        int halfBits = 2 * (1 + dataBits + ((lcr & LCR_PARITY) != 0 ? 1 : 0)) + halfStopBits;
        long clocksPerBit = 16L * (divisor == 0 ? 0x10000 : divisor);
        return halfBits * clocksPerBit * NANOS_PER_SECOND / (2 * PcLayout.UART_CLOCK_HZ);
    }

    /** The character timeout, when it is the next thing that can raise the line. */
    @Override
    public long nextDeadlineNanos() {
        if (irqLevel || (ier & IER_RDA) == 0 || !fifosEnabled || rxCount == 0) {
            return NO_DEADLINE;
        }
        long deadline = timeoutDeadline();
        return deadline > clock.nanos() ? deadline : NO_DEADLINE; // past: already visible in IIR
    }

    @Override
    public void advanceTo(long nowNanos) {
        updateIrq();
    }

    /** Baud rate the guest programmed. */
    public long baudRate() {
        return divisor == 0 ? 0 : PcLayout.UART_CLOCK_HZ / 16 / divisor;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (int i = 0; i < FIFO_SIZE; i++) {
            out.writeByte(rxFifo[i]);
        }
        out.writeByte(rxHead);
        out.writeByte(rxCount);
        out.writeByte(lastRead);
        out.writeByte(ier);
        out.writeByte(lcr);
        out.writeByte(mcr);
        out.writeByte(scr);
        out.writeShort(divisor);
        out.writeBoolean(fifosEnabled);
        out.writeByte(triggerLevel);
        out.writeBoolean(overrun);
        out.writeBoolean(thrInterruptPending);
        out.writeByte(msr);
        out.writeBoolean(irqLevel);
        out.writeLong(rxActivityNanos);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (int i = 0; i < FIFO_SIZE; i++) {
            rxFifo[i] = in.readUnsignedByte();
        }
        rxHead = in.readUnsignedByte() % FIFO_SIZE;
        rxCount = Math.min(in.readUnsignedByte(), FIFO_SIZE);
        lastRead = in.readUnsignedByte();
        ier = in.readUnsignedByte();
        lcr = in.readUnsignedByte();
        mcr = in.readUnsignedByte();
        scr = in.readUnsignedByte();
        divisor = in.readUnsignedShort();
        fifosEnabled = in.readBoolean();
        triggerLevel = in.readUnsignedByte();
        overrun = in.readBoolean();
        thrInterruptPending = in.readBoolean();
        msr = in.readUnsignedByte();
        irqLevel = in.readBoolean();
        rxActivityNanos = in.readLong();
    }
}
