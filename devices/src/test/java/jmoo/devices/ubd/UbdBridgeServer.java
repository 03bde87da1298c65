package jmoo.devices.ubd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jmoo.devices.PhysicalMemory;

/**
 * Serves a real {@link UbdPortBlock} to images/ubd/qemu-gdb/ubd_device.py, which runs in gdb at
 * QEMU's gdbstub and forwards the guest driver's port accesses here. The device works on a mirror
 * of guest RAM: the script copies in what the device will read, this side sends back what it
 * wrote. One line per message:
 * <pre>
 * script -> here: "in OFFSET"                 here -> script: "VALUE"
 * script -> here: "mem ADDRESS HEX"           (guest memory for the device to read)
 * script -> here: "out OFFSET VALUE"          here -> script: "mem ADDRESS HEX"... "control NAME [TEXT]"... "ok"
 * </pre>
 */
final class UbdBridgeServer implements MachineControl, AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    final PhysicalMemory memory;
    final UbdPortBlock ports;
    final List<String> controls = new ArrayList<>();
    private final List<int[]> written = new ArrayList<>();
    private final List<String> pendingControls = new ArrayList<>();
    private final ServerSocket server;
    private final Thread thread;
    private volatile Exception failure;

    UbdBridgeServer(int ramBytes) throws IOException {
        memory = new PhysicalMemory(ramBytes);
        memory.setWriteListener((address, length) -> written.add(new int[] {address, length}));
        ports = new UbdPortBlock(memory, this);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "ubd-bridge");
        thread.setDaemon(true);
    }

    int port() {
        return server.getLocalPort();
    }

    void start() {
        thread.start();
    }

    /** Waits for the connection to end; rethrows what went wrong on the serving thread. */
    void join(long millis) throws Exception {
        thread.join(millis);
        if (failure != null) {
            throw failure;
        }
    }

    private void serve() {
        try (Socket socket = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(socket.getOutputStream(), false, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer(line.split(" "), out);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void answer(String[] words, PrintWriter out) {
        switch (words[0]) {
            case "in" -> out.println(Integer.toUnsignedString(ports.in(UbdAbi.BASE_PORT + Integer.parseInt(words[1]), 4)));
            case "mem" -> {
                byte[] bytes = HEX.parseHex(words[2]);
                System.arraycopy(bytes, 0, memory.array(), Integer.parseInt(words[1]), bytes.length);
            }
            case "out" -> {
                written.clear();
                ports.out(UbdAbi.BASE_PORT + Integer.parseInt(words[1]), 4, (int) Long.parseLong(words[2]));
                for (int[] range : written) {
                    out.println("mem " + range[0] + " " + HEX.formatHex(memory.array(), range[0], range[0] + range[1]));
                }
                pendingControls.forEach(c -> out.println("control " + c));
                pendingControls.clear();
                out.println("ok");
            }
            default -> throw new UncheckedIOException(new IOException("bridge: unknown message " + words[0]));
        }
    }

    private void control(String event) {
        controls.add(event);
        pendingControls.add(event);
    }

    @Override
    public void powerOff() {
        control("poweroff");
    }

    @Override
    public void reboot() {
        control("reboot");
    }

    @Override
    public void halt() {
        control("halt");
    }

    @Override
    public void panic(String message) {
        control("panic " + message);
    }

    @Override
    public void panicEnd() {
        control("panic-end");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
