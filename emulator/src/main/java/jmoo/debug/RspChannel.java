package jmoo.debug;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framing layer of the GDB remote serial protocol: {@code $payload#cs} packets with a
 * modulo-256 checksum, '+'/'-' acknowledgements (until no-ack mode is on), '}' escapes for
 * binary data, and the out-of-band interrupt byte 0x03. Payloads are carried as ISO-8859-1
 * strings so binary bytes survive unchanged.
 */
public final class RspChannel {
    /** What {@link #readPacket()} returns for an interrupt byte (Ctrl-C) received between packets. */
    public static final String INTERRUPT = "\u0003";

    private static final int MAX_RETRANSMITS = 8;

    private final InputStream in;
    private final OutputStream out;
    private boolean noAck;
    private boolean interruptPending;

    public RspChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** From now on neither side sends nor expects acknowledgements (after QStartNoAckMode). */
    public void setNoAck(boolean noAck) {
        this.noAck = noAck;
    }

    /**
     * Reads the next packet's payload (escapes removed), acknowledging it; a packet with a bad
     * checksum is refused with '-' and the next one read. Returns {@link #INTERRUPT} for a Ctrl-C
     * byte, null at end of stream.
     */
    public String readPacket() throws IOException {
        if (interruptPending) {
            interruptPending = false;
            return INTERRUPT;
        }
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == 0x03) {
                return INTERRUPT;
            }
            if (c != '$') {
                continue; // stray acks and noise between packets
            }
            String payload = readBody();
            if (payload != null) {
                return payload;
            }
        }
    }

    /** The body after '$': the payload when its checksum is right, else null (after sending '-'). */
    private String readBody() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int sum = 0;
        int c;
        while ((c = readByte()) != '#') {
            raw.write(c);
            sum += c;
        }
        int expected = Hex.digit((char) readByte()) << 4 | Hex.digit((char) readByte());
        boolean good = (sum & 0xFF) == expected;
        if (!noAck) {
            out.write(good ? '+' : '-');
            out.flush();
        }
        return good ? unescape(raw.toByteArray()) : null;
    }

    private static String unescape(byte[] raw) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '}' && i + 1 < raw.length) {
                data.write(raw[++i] ^ 0x20);
            } else {
                data.write(raw[i]);
            }
        }
        return data.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends a packet, escaping '#', '$', '}' and '*'; in ack mode resends until gdb acks it. */
    public void sendPacket(String payload) throws IOException {
        byte[] framed = frame(payload);
        for (int attempt = 0; ; attempt++) {
            out.write(framed);
            out.flush();
            if (noAck || awaitAck()) {
                return;
            }
            if (attempt == MAX_RETRANSMITS) {
                throw new IOException("gdb refused a packet " + MAX_RETRANSMITS + " times: " + payload);
            }
        }
    }

    static byte[] frame(String payload) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream(payload.length() + 4);
        framed.write('$');
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int c = payload.charAt(i) & 0xFF;
            if (c == '#' || c == '$' || c == '}' || c == '*') {
                framed.write('}');
                sum += '}';
                c ^= 0x20;
            }
            framed.write(c);
            sum += c;
        }
        framed.write('#');
        String cs = String.format("%02x", sum & 0xFF);
        framed.writeBytes(cs.getBytes(StandardCharsets.US_ASCII));
        return framed.toByteArray();
    }

    /** Reads up to the ack of a packet just sent: true for '+', false for '-'. */
    private boolean awaitAck() throws IOException {
        while (true) {
            int c = readByte();
            if (c == '+') {
                return true;
            }
            if (c == '-') {
                return false;
            }
            if (c == 0x03) {
                interruptPending = true;
            }
        }
    }

    /**
     * Non-blocking: true when gdb sent Ctrl-C since the last call (for use while the target runs),
     * or when the stream ended (gdb went away: the next {@link #readPacket()} says so). Other bytes
     * arriving while the target runs are dropped: gdb sends nothing else then.
     */
    public boolean pollInterrupt() throws IOException {
        while (in.available() > 0) {
            int c = in.read();
            if (c == 0x03 || c < 0) {
                interruptPending = false;
                return true;
            }
        }
        boolean pending = interruptPending;
        interruptPending = false;
        return pending;
    }

    private int readByte() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("gdb closed the connection in the middle of a packet");
        }
        return c;
    }
}
