package jmoo.console;

import java.io.ByteArrayOutputStream;

/**
 * QEMU-style escape handling of keyboard input: Ctrl-A followed by a command key is for jmoo,
 * everything else goes to the guest. Ctrl-A x quits, Ctrl-A c opens the monitor, Ctrl-A h
 * lists the keys, Ctrl-A Ctrl-A sends one Ctrl-A to the guest; other keys after Ctrl-A are dropped.
 */
public final class EscapeDecoder {
    public static final int ESCAPE = 0x01;

    /** A jmoo command typed after the escape key. */
    public enum Command { QUIT, MONITOR, HELP }

    /** Receives the decoder's results. */
    public interface Listener {
        void toGuest(byte[] bytes, int length);

        void command(Command command);
    }

    public static final String HELP = """
            Ctrl-A h    print this help
            Ctrl-A x    exit jmoo
            Ctrl-A c    switch to the monitor and back
            Ctrl-A Ctrl-A  send Ctrl-A to the guest
            """;

    private final Listener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean afterEscape;

    public EscapeDecoder(Listener listener) {
        this.listener = listener;
    }

    /** Feeds bytes read from the keyboard. */
    public void feed(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (afterEscape) {
                afterEscape = false;
                switch (b) {
                    case ESCAPE -> pending.write(ESCAPE);
                    case 'x', 'X' -> command(Command.QUIT);
                    case 'c', 'C' -> command(Command.MONITOR);
                    case 'h', 'H', '?' -> command(Command.HELP);
                    default -> {
                        // unknown command key: dropped, as in QEMU
                    }
                }
            } else if (b == ESCAPE) {
                afterEscape = true;
            } else {
                pending.write(b);
            }
        }
        flushToGuest();
    }

    private void command(Command c) {
        flushToGuest(); // bytes typed before the command reach the guest first
        listener.command(c);
    }

    private void flushToGuest() {
        if (pending.size() > 0) {
            listener.toGuest(pending.toByteArray(), pending.size());
            pending.reset();
        }
    }
}
