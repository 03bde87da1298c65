package jmoo.cpu.system;

import jmoo.devices.IoPortHandler;

/**
 * The guest programs' result device on jmoo, at the ports QEMU gives them: bytes written to
 * the debug console (port 0xE9, QEMU's -debugcon) become the output, a value written to port
 * 0xF4 (QEMU's isa-debug-exit) is the exit code.
 */
final class ResultPorts implements IoPortHandler {
    static final int CONSOLE_PORT = 0xE9;
    static final int EXIT_PORT = 0xF4;
    static final int EXIT_PORT_COUNT = 4;
    /** What a read of the debug console returns on QEMU and Bochs (their detection value). */
    private static final int CONSOLE_READBACK = 0xE9;

    /** A runaway program's output is cut here (QEMU's runs are bounded by a timeout instead). */
    static final int MAX_OUTPUT_CHARS = 1 << 20;

    private final StringBuilder output = new StringBuilder();
    private int exitCode = -1;
    private boolean resetRequested;

    @Override
    public int in(int port, int size) {
        return port == CONSOLE_PORT ? CONSOLE_READBACK : 0;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == CONSOLE_PORT) {
            if (output.length() < MAX_OUTPUT_CHARS) {
                output.append((char) (value & 0xFF));
            }
        } else if (exitCode < 0) {
            exitCode = value & 0xFF;
        }
    }

    String output() {
        return output.toString();
    }

    /** The first exit code written, or -1. */
    int exitCode() {
        return exitCode;
    }

    /** The machine's reset line (the i8042's output port): a run ends there too. */
    void requestReset() {
        resetRequested = true;
    }

    boolean resetRequested() {
        return resetRequested;
    }

    /** True once the program wrote its exit code, reset the machine or ran out of output. */
    boolean finished() {
        return exitCode >= 0 || resetRequested || output.length() >= MAX_OUTPUT_CHARS;
    }
}
