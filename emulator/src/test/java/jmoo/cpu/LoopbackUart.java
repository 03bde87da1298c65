package jmoo.cpu;

import jmoo.devices.IoPortHandler;

/**
 * Just enough of a 16550A at 0x3F8 for Linux's 8250 driver: scratch and loopback probes, FIFO
 * detection, and transmit-holding-register-empty interrupts. Transmitted bytes are collected;
 * nothing is ever received. Test code only: the machine has the real UART.
 */
final class LoopbackUart implements IoPortHandler {
    static final int BASE = 0x3F8;

    private final StringBuilder output = new StringBuilder();
    private int ier, lcr, mcr, scratch, dll, dlm;
    private boolean fifo;
    private boolean thrEmptyPending;

    String output() {
        return output.toString();
    }

    /** The UART's interrupt request (IRQ 4). */
    boolean interruptPending() {
        return (ier & 2) != 0 && thrEmptyPending;
    }

    @Override
    public int in(int port, int size) {
        boolean dlab = (lcr & 0x80) != 0;
        switch (port - BASE) {
            case 0: return dlab ? dll : 0;
            case 1: return dlab ? dlm : ier;
            case 2: {
                boolean thre = interruptPending();
                if (thre) {
                    thrEmptyPending = false; // reading IIR acknowledges the THRE interrupt
                }
                return (fifo ? 0xC0 : 0) | (thre ? 0x02 : 0x01);
            }
            case 3: return lcr;
            case 4: return mcr;
            case 5: return 0x60; // transmitter empty, nothing received
            case 6: return (mcr & 0x10) != 0 ? loopbackModemStatus() : 0xB0;
            default: return scratch;
        }
    }

    private int loopbackModemStatus() {
        return ((mcr & 2) != 0 ? 0x10 : 0) | ((mcr & 1) != 0 ? 0x20 : 0) | ((mcr & 4) != 0 ? 0x40 : 0)
                | ((mcr & 8) != 0 ? 0x80 : 0);
    }

    @Override
    public void out(int port, int size, int value) {
        int v = value & 0xFF;
        boolean dlab = (lcr & 0x80) != 0;
        switch (port - BASE) {
            case 0:
                if (dlab) {
                    dll = v;
                } else {
                    output.append((char) v);
                    thrEmptyPending = true; // transmitted at once
                }
                break;
            case 1:
                if (dlab) {
                    dlm = v;
                } else {
                    if ((v & 2) != 0) {
                        thrEmptyPending = true;
                    }
                    ier = v & 0xF;
                }
                break;
            case 2: fifo = (v & 1) != 0; break;
            case 3: lcr = v; break;
            case 4: mcr = v & 0x1F; break;
            case 7: scratch = v; break;
            default: break;
        }
    }
}
