package jmoo.debug;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

/** One accepted gdb connection, served on the caller's thread by {@link #serve}. */
public final class GdbConnection implements Closeable {
    private final Socket socket;
    private final RspChannel channel;

    GdbConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.channel = new RspChannel(new PumpedInput(socket.getInputStream(), "jmoo-gdb-input"),
                new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * Serves gdb until it detaches, kills or goes away (a broken connection counts as gone,
     * also while the guest runs). The session's breakpoints and watchpoints end with it.
     */
    public SessionEnd serve(DebugTarget target, Breakpoints breakpoints) {
        try {
            return new GdbStub(target, breakpoints, channel).serve();
        } catch (IOException | UncheckedIOException e) {
            return SessionEnd.DISCONNECTED;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
