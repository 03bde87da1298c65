package jmoo.cpu.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the CPU states of a QEMU log made with {@code -singlestep -d cpu,nochain} (one state per
 * executed instruction; {@code -dfilter} limits it to an address range), lazily, so whole-boot
 * traces of millions of instructions stream through.
 */
final class QemuTrace implements Iterator<CpuSnapshot>, AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private long lineNumber;
    private CpuSnapshot next;

    QemuTrace(Path file) throws IOException {
        this.file = file;
        this.in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        this.next = read();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public CpuSnapshot next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        CpuSnapshot s = next;
        next = read();
        return s;
    }

    /** The state {@link #next()} returns next, without consuming it (null at the end). */
    CpuSnapshot peek() {
        return next;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One state: the EAX=, ESI= and EIP= lines QEMU prints for each executed block. */
    private CpuSnapshot read() {
        try {
            int[] regs = new int[8];
            boolean haveA = false;
            boolean haveS = false;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.startsWith("EAX=")) {
                    regs[0] = field(line, "EAX=");
                    regs[3] = field(line, "EBX=");
                    regs[1] = field(line, "ECX=");
                    regs[2] = field(line, "EDX=");
                    haveA = true;
                } else if (line.startsWith("ESI=")) {
                    regs[6] = field(line, "ESI=");
                    regs[7] = field(line, "EDI=");
                    regs[5] = field(line, "EBP=");
                    regs[4] = field(line, "ESP=");
                    haveS = true;
                } else if (line.startsWith("EIP=")) {
                    if (!haveA || !haveS) {
                        throw new IllegalStateException(file + ": line " + lineNumber
                                + ": expected EAX= and ESI= lines before EIP=");
                    }
                    return new CpuSnapshot(field(line, "EIP="), regs, field(line, "EFL="));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int field(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0 || at + key.length() + 8 > line.length()) {
            throw new IllegalStateException(file + ": line " + lineNumber + ": expected " + key
                    + " and 8 hex digits in: " + line);
        }
        return (int) Long.parseLong(line.substring(at + key.length(), at + key.length() + 8), 16);
    }
}
