package jmoo.console;

import java.io.IOException;
import java.io.InputStream;

/**
 * The console when stdin is not a terminal: bytes pass straight through to the guest's serial
 * port (no escapes), and the end of stdin closes the input, so
 * {@code printf 'uname -a\npoweroff\n' | ./jmoo} works in scripts.
 */
public final class PipeConsole {
    private PipeConsole() {
    }

    /** Starts a daemon thread copying {@code in} to {@code keyboard}. */
    public static void start(InputStream in, KeyboardSink keyboard) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    keyboard.offer(buf, 0, n);
                }
            } catch (IOException e) {
                // treated as the end of input
            }
            keyboard.close();
        }, "jmoo-stdin");
        t.setDaemon(true);
        t.start();
    }
}
