package jmoo.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import jmoo.devices.Device;

/**
 * A whole-machine snapshot file: CPU, machine-level state, RAM, every device, and references to
 * the disk layers (path and SHA-256; the frozen layers themselves are the disk snapshot).
 *
 * <p>Layout (big-endian): "JMOOSNAP", version (int, 1), then sections, each a name (UTF), a
 * length (int) and that many bytes: "cpu", "machine", "device NAME" (one per device, in the
 * machine's order), "ram" (deflated: size, a bitmap of the 4 KiB pages that are not all zero,
 * then those pages), "disks" (count, then disk, depth, path, sha256 each); then the name "end".
 * The file is written beside its destination and renamed into place.
 */
public final class SnapshotFile {
    private static final byte[] MAGIC = "JMOOSNAP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int PAGE = 4096;
    private static final String END = "end";

    private SnapshotFile() {
    }

    public static void save(Path file, SnapshotableMachine machine, List<BundleManifest.DiskLayer> disks)
            throws IOException {
        Path aside = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(aside)))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            section(out, "cpu", StateBytes.of(machine::writeCpuState));
            section(out, "machine", StateBytes.of(machine::writeMachineState));
            for (Device d : machine.devices()) {
                section(out, "device " + d.name(), StateBytes.of(d::saveState));
            }
            section(out, "ram", ram(machine.memory().array()));
            section(out, "disks", StateBytes.of(o -> writeDisks(o, disks)));
            out.writeUTF(END);
        }
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Restores a snapshot into {@code machine} (same RAM size and devices); returns its disk layers. */
    public static List<BundleManifest.DiskLayer> restore(Path file, SnapshotableMachine machine) throws IOException {
        Map<String, byte[]> sections = read(file);
        Map<String, Device> devices = new LinkedHashMap<>();
        for (Device d : machine.devices()) {
            devices.put("device " + d.name(), d);
        }
        for (String name : sections.keySet()) {
            if (name.startsWith("device ") && !devices.containsKey(name)) {
                throw new SnapshotFormatException(file + ": the snapshot has a " + name + " this machine does not have");
            }
        }
        machine.restoreCpuState(input(required(file, sections, "cpu")));
        machine.restoreMachineState(input(required(file, sections, "machine")));
        for (Map.Entry<String, Device> d : devices.entrySet()) {
            d.getValue().restoreState(input(required(file, sections, d.getKey())));
        }
        restoreRam(file, required(file, sections, "ram"), machine);
        return readDisks(input(required(file, sections, "disks")));
    }

    private static Map<String, byte[]> read(Path file) throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new SnapshotFormatException(file + ": not a jmoo snapshot (expected the magic \"JMOOSNAP\")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new SnapshotFormatException(file + ": snapshot version " + version + ", this jmoo reads " + VERSION);
            }
            for (String name = in.readUTF(); !name.equals(END); name = in.readUTF()) {
                int length = in.readInt();
                if (length < 0 || length > Files.size(file)) {
                    throw new SnapshotFormatException(file + ": section \"" + name + "\" has a bad length " + length);
                }
                byte[] body = new byte[length];
                in.readFully(body);
                sections.put(name, body);
            }
        } catch (EOFException e) {
            throw new SnapshotFormatException(file + ": truncated (the file ends before the \"end\" section)");
        }
        return sections;
    }

    private static byte[] required(Path file, Map<String, byte[]> sections, String name) throws SnapshotFormatException {
        byte[] b = sections.get(name);
        if (b == null) {
            throw new SnapshotFormatException(file + ": the snapshot has no \"" + name + "\" section");
        }
        return b;
    }

    private static DataInputStream input(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }

    private static void section(DataOutputStream out, String name, byte[] body) throws IOException {
        out.writeUTF(name);
        out.writeInt(body.length);
        out.write(body);
    }

    private static byte[] ram(byte[] ram) throws IOException {
        int pages = ram.length / PAGE;
        byte[] present = new byte[(pages + 7) / 8];
        for (int p = 0; p < pages; p++) {
            if (!allZero(ram, p * PAGE)) {
                present[p >> 3] |= (byte) (1 << (p & 7));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(ram.length);
            out.write(present);
            for (int p = 0; p < pages; p++) {
                if ((present[p >> 3] & (1 << (p & 7))) != 0) {
                    out.write(ram, p * PAGE, PAGE);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static boolean allZero(byte[] ram, int from) {
        for (int i = from; i < from + PAGE; i++) {
            if (ram[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void restoreRam(Path file, byte[] section, SnapshotableMachine machine) throws IOException {
        byte[] ram = machine.memory().array();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(section)))) {
            int size = in.readInt();
            if (size != ram.length) {
                throw new SnapshotFormatException(file + ": the snapshot has " + size + " bytes of RAM, this machine "
                        + ram.length);
            }
            int pages = size / PAGE;
            byte[] present = new byte[(pages + 7) / 8];
            in.readFully(present);
            for (int p = 0; p < pages; p++) {
                if ((present[p >> 3] & (1 << (p & 7))) != 0) {
                    in.readFully(ram, p * PAGE, PAGE);
                } else {
                    Arrays.fill(ram, p * PAGE, (p + 1) * PAGE, (byte) 0);
                }
            }
        } catch (EOFException e) {
            throw new SnapshotFormatException(file + ": the RAM section is truncated");
        }
        machine.memory().written(0, ram.length);
    }

    private static void writeDisks(DataOutputStream out, List<BundleManifest.DiskLayer> disks) throws IOException {
        out.writeInt(disks.size());
        for (BundleManifest.DiskLayer l : disks) {
            out.writeUTF(l.disk());
            out.writeInt(l.depth());
            out.writeUTF(l.path());
            out.writeUTF(l.sha256());
        }
    }

    private static List<BundleManifest.DiskLayer> readDisks(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<BundleManifest.DiskLayer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BundleManifest.DiskLayer(in.readUTF(), in.readInt(), in.readUTF(), in.readUTF()));
        }
        return out;
    }
}
