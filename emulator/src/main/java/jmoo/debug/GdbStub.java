package jmoo.debug;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A GDB remote serial protocol server for one connection, over a {@link DebugTarget}: registers
 * (g/G/p/P), memory (m/M/X, linear addresses), breakpoints (Z0/Z1) and write, read and access
 * watchpoints (Z2/Z3/Z4), step and continue (s/c and their signal forms), Ctrl-C, kill and
 * detach, no-ack mode, the i386 target description, and {@code monitor icount}. Requests run on
 * the calling thread, which also drives the target, so a debugged run stays deterministic. When
 * the session ends, however it ends, its breakpoints and watchpoints are removed.
 */
public final class GdbStub {
    /** Largest packet we accept, announced in qSupported (hex in the reply). */
    static final int PACKET_SIZE = 0x4000;
    private static final String ERROR_FAULT = "E0e";
    private static final String ERROR_ARGUMENT = "E16";

    private final DebugTarget target;
    private final Breakpoints breakpoints;
    private final ExecutionControl execution;
    private final RspChannel channel;
    private StopEvent lastStop = StopEvent.of(StopEvent.Kind.INTERRUPTED);

    public GdbStub(DebugTarget target, Breakpoints breakpoints, RspChannel channel) {
        this.target = target;
        this.breakpoints = breakpoints;
        this.execution = new ExecutionControl(target, breakpoints);
        this.channel = channel;
    }

    /** Serves requests until gdb detaches, kills or disconnects. */
    public SessionEnd serve() throws IOException {
        try {
            return serveRequests();
        } finally {
            breakpoints.clear();
            target.setWatchpoints(List.of());
            target.setStopAtInterruptEntry(false);
        }
    }

    private SessionEnd serveRequests() throws IOException {
        while (true) {
            String packet = channel.readPacket();
            if (packet == null) {
                return SessionEnd.DISCONNECTED;
            }
            if (packet.equals("k") || packet.startsWith("vKill")) {
                if (packet.startsWith("vKill")) {
                    channel.sendPacket("OK");
                }
                return SessionEnd.KILLED;
            }
            if (packet.startsWith("D")) {
                channel.sendPacket("OK");
                return SessionEnd.DETACHED;
            }
            String reply;
            try {
                reply = handle(packet);
            } catch (IllegalArgumentException | IndexOutOfBoundsException | UnsupportedOperationException e) {
                reply = ERROR_ARGUMENT;
            }
            channel.sendPacket(reply);
            if (packet.equals("QStartNoAckMode")) {
                channel.setNoAck(true);
            }
        }
    }

    /** The reply to one request (a stop reply for the execution commands). */
    String handle(String p) throws IOException {
        switch (p.charAt(0)) {
            case '?': return lastStop.stopReply();
            case 'g': return readAllRegisters();
            case 'G': return writeAllRegisters(p.substring(1));
            case 'p': return readRegister(p.substring(1));
            case 'P': return writeRegister(p.substring(1));
            case 'm': return readMemory(p.substring(1));
            case 'M': return writeMemoryHex(p.substring(1));
            case 'X': return writeMemoryBinary(p.substring(1));
            case 'Z': return breakpoint(p.substring(1), true);
            case 'z': return breakpoint(p.substring(1), false);
            case 's': case 'S': return resume(p, true);
            case 'c': case 'C': return resume(p, false);
            case 'H': case 'T': return "OK";
            case '\u0003': return lastStop.stopReply();
            default: return query(p);
        }
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) {
            return "PacketSize=" + Integer.toHexString(PACKET_SIZE)
                    + ";qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+";
        }
        if (p.startsWith("qXfer:features:read:target.xml:")) {
            String[] range = p.substring("qXfer:features:read:target.xml:".length()).split(",");
            return TargetDescription.read(Hex.number(range[0]), Hex.number(range[1]));
        }
        if (p.startsWith("qRcmd,")) {
            return monitor(new String(Hex.decode(p, 6, (p.length() - 6) / 2), StandardCharsets.ISO_8859_1));
        }
        return switch (p) {
            case "QStartNoAckMode", "qSymbol::" -> "OK";
            case "qAttached" -> "1";
            case "qC" -> "QC1";
            case "qfThreadInfo" -> "m1";
            case "qsThreadInfo" -> "l";
            default -> ""; // unsupported: gdb falls back (vCont -> s/c, etc.)
        };
    }

    private String monitor(String command) {
        String text = switch (command.trim()) {
            case "icount" -> target.instructionCount() + "\n";
            default -> "monitor commands: icount (instructions retired so far)\n";
        };
        return Hex.bytes(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
    }

    private String readAllRegisters() {
        StringBuilder sb = new StringBuilder();
        for (I386Register r : I386Register.values()) {
            appendRegister(sb, r);
        }
        return sb.toString();
    }

    private void appendRegister(StringBuilder sb, I386Register r) {
        if (r.available()) {
            Hex.appendLittleEndian(sb, target.register(r), r.sizeBytes());
        } else {
            sb.append("xx".repeat(r.sizeBytes()));
        }
    }

    private String writeAllRegisters(String hex) {
        int at = 0;
        for (I386Register r : I386Register.values()) {
            if (at + 2 * r.sizeBytes() > hex.length()) {
                break;
            }
            if (r.available() && hex.charAt(at) != 'x') {
                target.setRegister(r, Hex.littleEndian(hex, at, r.sizeBytes()));
            }
            at += 2 * r.sizeBytes();
        }
        return "OK";
    }

    private String readRegister(String number) {
        I386Register r = I386Register.byNumber((int) Hex.number(number));
        if (r == null) {
            return ERROR_ARGUMENT;
        }
        StringBuilder sb = new StringBuilder();
        appendRegister(sb, r);
        return sb.toString();
    }

    private String writeRegister(String assignment) {
        int eq = assignment.indexOf('=');
        I386Register r = I386Register.byNumber((int) Hex.number(assignment.substring(0, eq)));
        if (r == null) {
            return ERROR_ARGUMENT;
        }
        if (r.available()) {
            target.setRegister(r, Hex.littleEndian(assignment, eq + 1, r.sizeBytes()));
        }
        return "OK";
    }

    private String readMemory(String args) {
        String[] al = args.split(",");
        int address = (int) Hex.number(al[0]);
        int length = (int) Math.min(Hex.number(al[1]), (PACKET_SIZE - 8) / 2);
        byte[] buf = new byte[length];
        int n = target.readMemory(address, buf, 0, length);
        return n == 0 && length > 0 ? ERROR_FAULT : Hex.bytes(buf, 0, n);
    }

    private String writeMemoryHex(String args) {
        int colon = args.indexOf(':');
        String[] al = args.substring(0, colon).split(",");
        int length = (int) Hex.number(al[1]);
        byte[] data = Hex.decode(args, colon + 1, length);
        return writeMemory((int) Hex.number(al[0]), data);
    }

    private String writeMemoryBinary(String args) {
        int colon = args.indexOf(':');
        String[] al = args.substring(0, colon).split(",");
        int length = (int) Hex.number(al[1]);
        byte[] data = args.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1);
        if (data.length != length) {
            return ERROR_ARGUMENT;
        }
        return writeMemory((int) Hex.number(al[0]), data);
    }

    private String writeMemory(int address, byte[] data) {
        return target.writeMemory(address, data, 0, data.length) == data.length ? "OK" : ERROR_FAULT;
    }

    private String breakpoint(String args, boolean insert) {
        String[] f = args.split("[,;]");
        int type = Integer.parseInt(f[0]);
        int address = (int) Hex.number(f[1]);
        int kind = (int) Hex.number(f[2]);
        switch (type) {
            case 0 -> {
                if (insert) {
                    breakpoints.addSoftware(address);
                } else {
                    breakpoints.removeSoftware(address);
                }
            }
            case 1 -> {
                if (insert) {
                    breakpoints.addHardware(address);
                } else {
                    breakpoints.removeHardware(address);
                }
            }
            case 2, 3, 4 -> {
                Watchpoint w = new Watchpoint(Watchpoint.Kind.ofPacketType(type), address, kind);
                if (insert) {
                    breakpoints.addWatch(w);
                } else {
                    breakpoints.removeWatch(w);
                }
                target.setWatchpoints(breakpoints.watches());
            }
            default -> {
                return ""; // not supported
            }
        }
        return "OK";
    }

    private String resume(String p, boolean step) {
        int semicolon = p.indexOf(';');
        boolean withSignal = p.charAt(0) == 'S' || p.charAt(0) == 'C';
        String address = withSignal ? (semicolon < 0 ? "" : p.substring(semicolon + 1)) : p.substring(1);
        if (!address.isEmpty()) {
            target.setRegister(I386Register.EIP, (int) Hex.number(address));
        }
        lastStop = step ? execution.step() : execution.resume(this::interruptRequested);
        return lastStop.stopReply();
    }

    private boolean interruptRequested() {
        try {
            return channel.pollInterrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
