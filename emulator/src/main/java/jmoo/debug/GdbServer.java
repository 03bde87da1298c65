package jmoo.debug;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Listens for gdb on the loopback interface only ({@code target remote 127.0.0.1:PORT}); port 0
 * picks a free ephemeral port, see {@link #port()}. One debugger at a time.
 */
public final class GdbServer implements Closeable {
    private final ServerSocket socket;

    public GdbServer(int port) throws IOException {
        this.socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Waits for gdb to connect. */
    public GdbConnection accept() throws IOException {
        Socket s = socket.accept();
        try {
            return new GdbConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Waits for gdb to connect, then serves it on this thread until it detaches or leaves. */
    public SessionEnd serveOne(DebugTarget target, Breakpoints breakpoints) throws IOException {
        try (GdbConnection c = accept()) {
            return c.serve(target, breakpoints);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
