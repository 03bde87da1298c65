package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.IrqLine;
import jmoo.devices.PcLayout;

/**
 * The i8042 keyboard controller at 0x60 (data) / 0x64 (status, command), enough for Linux's
 * probe: the controller self-test, the command byte, interface tests, port enables, and a
 * keyboard and mouse that acknowledge their commands but never send keys. Writing 0xFE (or any
 * output-port pulse or write that drops bit 0) requests a system reset from the machine.
 */
public final class I8042 implements Device, IoPortHandler {
    private static final int STATUS_OUTPUT_FULL = 0x01;
    private static final int STATUS_SYSTEM_FLAG = 0x04;
    private static final int STATUS_LAST_WAS_COMMAND = 0x08;
    private static final int STATUS_NOT_INHIBITED = 0x10;
    private static final int STATUS_AUX_DATA = 0x20;
    private static final int CTR_KBD_INT = 0x01;
    private static final int CTR_AUX_INT = 0x02;
    private static final int CTR_SYSTEM_FLAG = 0x04;
    private static final int CTR_KBD_DISABLED = 0x10;
    private static final int CTR_AUX_DISABLED = 0x20;
    private static final int CTR_XLATE = 0x40;
    private static final int ACK = 0xFA;
    private static final int QUEUE_SIZE = 16;

    private final IrqLine kbdIrq;
    private final IrqLine auxIrq;
    private final Runnable resetRequest;

    private final int[] queue = new int[QUEUE_SIZE];    // bytes for the guest; bit 8 = from aux
    private int queueHead;
    private int queueCount;
    private int commandByte;
    private int outputPort;
    private int pendingCommand;   // controller command waiting for its data byte, or 0
    private boolean lastWasCommand;
    private int kbdPendingCommand; // keyboard command waiting for its argument, or 0

    public I8042(IrqLine kbdIrq, IrqLine auxIrq, Runnable resetRequest) {
        this.kbdIrq = kbdIrq;
        this.auxIrq = auxIrq;
        this.resetRequest = resetRequest;
        reset();
    }

    @Override
    public String name() {
        return "i8042";
    }

    @Override
    public void reset() {
        queueHead = 0;
        queueCount = 0;
        commandByte = CTR_KBD_INT | CTR_SYSTEM_FLAG | CTR_XLATE;
        outputPort = 0x01 | 0x02; // reset line high (inactive), A20 enabled
        pendingCommand = 0;
        lastWasCommand = false;
        kbdPendingCommand = 0;
    }

    @Override
    public int in(int port, int size) {
        if (port == PcLayout.I8042_COMMAND_PORT) {
            return status();
        }
        if (queueCount == 0) {
            return 0;
        }
        int b = queue[queueHead];
        queueHead = (queueHead + 1) % QUEUE_SIZE;
        queueCount--;
        raiseIfPending();
        return b & 0xFF;
    }

    private int status() {
        int s = STATUS_NOT_INHIBITED;
        if (queueCount > 0) {
            s |= STATUS_OUTPUT_FULL;
            if ((queue[queueHead] & 0x100) != 0) {
                s |= STATUS_AUX_DATA;
            }
        }
        if ((commandByte & CTR_SYSTEM_FLAG) != 0) {
            s |= STATUS_SYSTEM_FLAG;
        }
        if (lastWasCommand) {
            s |= STATUS_LAST_WAS_COMMAND;
        }
        return s;
    }

    @Override
    public void out(int port, int size, int value) {
        value &= 0xFF;
        if (port == PcLayout.I8042_COMMAND_PORT) {
            lastWasCommand = true;
            controllerCommand(value);
        } else {
            lastWasCommand = false;
            dataByte(value);
        }
    }

    private void controllerCommand(int command) {
        pendingCommand = 0;
        if (command >= 0x20 && command < 0x40) {
            enqueue(command == 0x20 ? commandByte : 0, false); // RAM byte 0 is the command byte
            return;
        }
        if (command >= 0xF0) {
            if ((command & 1) == 0) {
                resetRequest.run(); // pulsing output line 0 is the CPU reset line
            }
            return;
        }
        switch (command) {
            case 0x60, 0xD1, 0xD2, 0xD3, 0xD4 -> pendingCommand = command;
            case 0xA7 -> commandByte |= CTR_AUX_DISABLED;
            case 0xA8 -> commandByte &= ~CTR_AUX_DISABLED;
            case 0xA9, 0xAB -> enqueue(0x00, false); // interface test: no error
            case 0xAA -> enqueue(0x55, false);       // controller self-test passed
            case 0xAD -> commandByte |= CTR_KBD_DISABLED;
            case 0xAE -> commandByte &= ~CTR_KBD_DISABLED;
            case 0xC0 -> enqueue(0x00, false);       // input port
            case 0xD0 -> enqueue(outputPort, false);
            default -> {
                // unknown commands are ignored
            }
        }
    }

    private void dataByte(int value) {
        int command = pendingCommand;
        pendingCommand = 0;
        switch (command) {
            case 0x60 -> {
                commandByte = value;
                raiseIfPending();
            }
            case 0xD1 -> {
                outputPort = value;
                if ((value & 1) == 0) {
                    resetRequest.run();
                }
            }
            case 0xD2 -> enqueue(value, false);
            case 0xD3 -> enqueue(value, true);
            case 0xD4 -> mouseCommand(value);
            default -> keyboardCommand(value);
        }
    }

    private void keyboardCommand(int value) {
        if (kbdPendingCommand != 0) {
            kbdPendingCommand = 0; // the argument of ED (LEDs), F0 (scan set), F3 (rate)
            enqueue(ACK, false);
            return;
        }
        switch (value) {
            case 0xFF -> {
                enqueue(ACK, false);
                enqueue(0xAA, false); // basic assurance test passed
            }
            case 0xF2 -> {
                enqueue(ACK, false);
                enqueue(0xAB, false);
                enqueue(0x83, false); // MF2 keyboard
            }
            case 0xED, 0xF0, 0xF3 -> {
                kbdPendingCommand = value;
                enqueue(ACK, false);
            }
            case 0xEE -> enqueue(0xEE, false); // echo
            default -> enqueue(ACK, false);
        }
    }

    private void mouseCommand(int value) {
        enqueue(ACK, true);
        if (value == 0xFF) {
            enqueue(0xAA, true);
            enqueue(0x00, true); // device id: standard mouse
        } else if (value == 0xF2) {
            enqueue(0x00, true);
        }
    }

    private void enqueue(int b, boolean aux) {
        if (queueCount == QUEUE_SIZE) {
            return;
        }
        queue[(queueHead + queueCount) % QUEUE_SIZE] = b & 0xFF | (aux ? 0x100 : 0);
        queueCount++;
        if (queueCount == 1) {
            raiseIfPending(); // the output buffer just became full
        }
    }

    /** Pulses IRQ 1 or 12 for the byte at the head of the output buffer, when enabled. */
    private void raiseIfPending() {
        if (queueCount == 0) {
            return;
        }
        boolean aux = (queue[queueHead] & 0x100) != 0;
        if (aux && (commandByte & CTR_AUX_INT) != 0) {
            auxIrq.pulse();
        } else if (!aux && (commandByte & CTR_KBD_INT) != 0) {
            kbdIrq.pulse();
        }
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (int b : queue) {
            out.writeShort(b);
        }
        out.writeByte(queueHead);
        out.writeByte(queueCount);
        out.writeByte(commandByte);
        out.writeByte(outputPort);
        out.writeByte(pendingCommand);
        out.writeBoolean(lastWasCommand);
        out.writeByte(kbdPendingCommand);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (int i = 0; i < QUEUE_SIZE; i++) {
            queue[i] = in.readUnsignedShort();
        }
        queueHead = in.readUnsignedByte() % QUEUE_SIZE;
        queueCount = Math.min(in.readUnsignedByte(), QUEUE_SIZE);
        commandByte = in.readUnsignedByte();
        outputPort = in.readUnsignedByte();
        pendingCommand = in.readUnsignedByte();
        lastWasCommand = in.readBoolean();
        kbdPendingCommand = in.readUnsignedByte();
    }
}
