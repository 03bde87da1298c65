package jmoo.debug;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import jmoo.cpu.Cpu;
import jmoo.replay.SliceObserver;

/**
 * Accepts gdb connections on a background thread while the guest runs, for the machine thread
 * to pick up between slices: {@link #stopWhenAttached} makes the run loop stop (between
 * instructions, at a slice boundary) as soon as one is waiting, and {@link #take} hands it over.
 */
public final class GdbListener implements Closeable {
    private final GdbServer server;
    private final ConcurrentLinkedQueue<GdbConnection> waiting = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Starts accepting; {@code onAttach} runs on the accepting thread after each connection (to wake the machine). */
    public GdbListener(GdbServer server, Runnable onAttach) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptAll(onAttach), "jmoo-gdb-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll(Runnable onAttach) {
        while (!closed) {
            try {
                waiting.add(server.accept());
                onAttach.run();
            } catch (IOException e) {
                return; // the server socket closed: jmoo is ending the run
            }
        }
    }

    /** The oldest waiting connection, or null. */
    public GdbConnection take() {
        return waiting.poll();
    }

    /** An observer that stops the run loop once a connection is waiting (at once if one is). */
    public SliceObserver stopWhenAttached(Cpu cpu) {
        return new SliceObserver() {
            @Override
            public long nextStopAt() {
                return waiting.isEmpty() ? Long.MAX_VALUE : cpu.instructionCount();
            }

            @Override
            public boolean sliceEnded(long instructionCount) {
                return !waiting.isEmpty();
            }
        };
    }

    /** Stops accepting (the server socket is the caller's to close) and closes connections still waiting. */
    @Override
    public void close() throws IOException {
        closed = true;
        for (GdbConnection c; (c = waiting.poll()) != null; ) {
            c.close();
        }
    }
}
