package jmoo.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import jmoo.devices.Device;

/**
 * A whole-machine snapshot file: CPU, machine-level state (virtual time, requests), RAM, every
 * device, references to the disk layers (path and SHA-256; the frozen layers themselves are the
 * disk snapshot) and the run point (input log position, console output so far).
 *
 * <p>Layout (big-endian): "JMOOSNAP", version (int, {@value #VERSION}), then sections, each a name
 * (Java modified UTF-8 with a 2-byte length), a length (int) and that many bytes: "cpu",
 * "machine", "device NAME" (one per device, in the machine's order), "ram" (deflated: size, a
 * bitmap of the 4 KiB pages that are not all zero, then those pages), "disks" (count, then disk,
 * depth, path, sha256 of each layer; count, then disk and flags of each disk), "run" (origin, idle periods, input bytes, console bytes); then the
 * name "end". The file is written beside its destination, forced to disk and renamed into place.
 */
public final class SnapshotFile {
    private static final byte[] MAGIC = "JMOOSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 4;
    private static final String END = "end";

    private SnapshotFile() {
    }

    /**
     * @param layers every disk's layers (frozen: they must not change afterwards)
     * @param disks  the disks and their flags (the run top is not saved)
     */
    public static void save(Path file, SnapshotableMachine machine, List<BundleManifest.DiskLayer> layers,
            List<BundleManifest.RecordedDisk> disks, RunPoint run) throws IOException {
        Path aside = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(aside);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                section(out, "cpu", StateBytes.of(machine::writeCpuState));
                section(out, "machine", StateBytes.of(machine::writeMachineState));
                for (Device d : machine.devices()) {
                    section(out, "device " + d.name(), StateBytes.of(d::saveState));
                }
                section(out, "ram", ram(machine.memory().array()));
                section(out, "disks", StateBytes.of(o -> writeDisks(o, layers, disks)));
                section(out, "run", StateBytes.of(o -> writeRun(o, run)));
                out.writeUTF(END);
            }
            try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    /** Reads and checks a snapshot's header and sections; restore it with {@link Snapshot#restoreInto}. */
    public static Snapshot read(Path file) throws IOException {
        Map<String, Snapshot.Section> sections = new LinkedHashMap<>();
        long size = Files.size(file);
        long offset = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = new byte[MAGIC.length];
            if (size < magic.length || in.read(magic) != magic.length || !Arrays.equals(magic, MAGIC)) {
                throw new SnapshotFormatException(file + ": offset 0: not a jmoo snapshot (expected the magic \"JMOOSNAP\")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new SnapshotFormatException(file + ": offset 8: snapshot format version " + version
                        + ", this jmoo reads version " + VERSION);
            }
            offset = MAGIC.length + 4;
            for (String name = in.readUTF(); !name.equals(END); name = in.readUTF()) {
                offset += 2 + name.getBytes(StandardCharsets.UTF_8).length;
                int length = in.readInt();
                if (length < 0 || offset + 4 + length > size) {
                    throw new SnapshotFormatException(file + ": offset " + offset + ": section \"" + name
                            + "\" claims " + length + " bytes, the file has " + (size - offset - 4) + " left");
                }
                byte[] body = new byte[length];
                in.readFully(body);
                sections.put(name, new Snapshot.Section(offset + 4, body));
                offset += 4 + length;
            }
        } catch (EOFException e) {
            throw new SnapshotFormatException(file + ": truncated after offset " + offset
                    + " (the file ends before the \"end\" marker)");
        }
        return new Snapshot(file, sections);
    }

    private static void section(DataOutputStream out, String name, byte[] body) throws IOException {
        out.writeUTF(name);
        out.writeInt(body.length);
        out.write(body);
    }

    private static byte[] ram(byte[] ram) throws IOException {
        int page = Snapshot.PAGE;
        int pages = ram.length / page;
        byte[] present = new byte[(pages + 7) / 8];
        for (int p = 0; p < pages; p++) {
            if (!allZero(ram, p * page)) {
                present[p >> 3] |= (byte) (1 << (p & 7));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(ram.length);
            out.write(present);
            for (int p = 0; p < pages; p++) {
                if ((present[p >> 3] & (1 << (p & 7))) != 0) {
                    out.write(ram, p * page, page);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static boolean allZero(byte[] ram, int from) {
        for (int i = from; i < from + Snapshot.PAGE; i++) {
            if (ram[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeDisks(DataOutputStream out, List<BundleManifest.DiskLayer> layers,
            List<BundleManifest.RecordedDisk> disks) throws IOException {
        out.writeInt(layers.size());
        for (BundleManifest.DiskLayer l : layers) {
            out.writeUTF(l.disk());
            out.writeInt(l.depth());
            out.writeUTF(l.path());
            out.writeUTF(l.sha256());
        }
        out.writeInt(disks.size());
        for (BundleManifest.RecordedDisk d : disks) {
            out.writeUTF(d.disk());
            out.writeUTF(d.flags());
        }
    }

    private static void writeRun(DataOutputStream out, RunPoint run) throws IOException {
        out.writeUTF(run.origin());
        out.writeLong(run.idlePeriods());
        out.writeLong(run.inputBytes());
        out.writeLong(run.consoleBytes());
    }
}
