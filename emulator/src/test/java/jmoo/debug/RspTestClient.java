package jmoo.debug;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The gdb side of the protocol, as a test needs it: raw bytes out, framed replies in. */
final class RspTestClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean noAck;

    RspTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a request and returns the reply payload, acknowledging both ways unless no-ack. */
    String request(String payload) throws IOException {
        sendRaw(new String(RspChannel.frame(payload), StandardCharsets.ISO_8859_1));
        if (!noAck) {
            expectByte('+');
        }
        return readReply();
    }

    int readByte() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new IOException("stub closed the connection");
        }
        return c;
    }

    void expectByte(int expected) throws IOException {
        int c = readByte();
        if (c != expected) {
            throw new IOException("expected '" + (char) expected + "', got '" + (char) c + "'");
        }
    }

    String readReply() throws IOException {
        int c;
        while ((c = readByte()) != '$') {
            if (c != '+') {
                throw new IOException("unexpected byte before reply: " + c);
            }
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int sum = 0;
        while ((c = readByte()) != '#') {
            raw.write(c);
            sum += c;
        }
        int cs = Integer.parseInt("" + (char) readByte() + (char) readByte(), 16);
        if (cs != (sum & 0xFF)) {
            throw new IOException("bad checksum from stub");
        }
        if (!noAck) {
            sendRaw("+");
        }
        byte[] b = raw.toByteArray();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < b.length; i++) {
            data.write(b[i] == '}' ? b[++i] ^ 0x20 : b[i]);
        }
        return data.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
