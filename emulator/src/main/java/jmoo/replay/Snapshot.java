package jmoo.replay;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import jmoo.devices.Device;

/**
 * A snapshot file read into memory ({@link SnapshotFile#read}): its disk layers and run point can be
 * looked at before a machine exists (the disks must be attached first), then {@link #restoreInto}
 * loads the CPU, machine, device and RAM sections into a machine of the same shape. Every error
 * names the file, the section and the section's byte offset in the file.
 */
public final class Snapshot {
    /** A section's body and where it starts in the file. */
    record Section(long offset, byte[] body) {
    }

    static final int PAGE = 4096;

    private final Path file;
    private final Map<String, Section> sections;

    Snapshot(Path file, Map<String, Section> sections) {
        this.file = file;
        this.sections = new LinkedHashMap<>(sections);
    }

    public Path file() {
        return file;
    }

    /** The disk layers the snapshot's disks are made of (frozen: they must not have changed since). */
    public List<BundleManifest.DiskLayer> disks() throws SnapshotFormatException {
        return read("disks", Snapshot::readLayers, false, true);   // the disks' flags follow
    }

    /** The snapshot's disks and their flags (the run top is null: a restore writes to a new COW). */
    public List<BundleManifest.RecordedDisk> recordedDisks() throws SnapshotFormatException {
        return read("disks", in -> {
            readLayers(in);
            int n = in.readInt();
            List<BundleManifest.RecordedDisk> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new BundleManifest.RecordedDisk(in.readUTF(), in.readUTF(), null));
            }
            return out;
        });
    }

    private static List<BundleManifest.DiskLayer> readLayers(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<BundleManifest.DiskLayer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BundleManifest.DiskLayer(in.readUTF(), in.readInt(), in.readUTF(), in.readUTF()));
        }
        return out;
    }

    public RunPoint run() throws SnapshotFormatException {
        return read("run", in -> new RunPoint(in.readUTF(), in.readLong(), in.readLong(), in.readLong()));
    }

    /** The guest RAM size the snapshot holds. */
    public long ramBytes() throws SnapshotFormatException {
        return read("ram", in -> (long) in.readInt(), true);
    }

    /** Loads the machine state into {@code machine}, which must have the same RAM size and devices. */
    public void restoreInto(SnapshotableMachine machine) throws SnapshotFormatException {
        Map<String, Device> devices = new LinkedHashMap<>();
        for (Device d : machine.devices()) {
            devices.put("device " + d.name(), d);
        }
        for (String name : sections.keySet()) {
            if (name.startsWith("device ") && !devices.containsKey(name)) {
                throw new SnapshotFormatException(file + ": the snapshot has a " + name
                        + " (at offset " + sections.get(name).offset() + ") this machine does not have");
            }
        }
        read("cpu", in -> consume(in, machine::restoreCpuState));
        read("machine", in -> consume(in, machine::restoreMachineState));
        for (Map.Entry<String, Device> d : devices.entrySet()) {
            read(d.getKey(), in -> consume(in, d.getValue()::restoreState));
        }
        read("ram", in -> consume(in, r -> restoreRam(r, machine)), true);
    }

    private void restoreRam(DataInputStream in, SnapshotableMachine machine) throws IOException {
        byte[] ram = machine.memory().array();
        int size = in.readInt();
        if (size != ram.length) {
            throw new IOException("the snapshot has " + size + " bytes of RAM, this machine " + ram.length);
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
        machine.memory().written(0, ram.length);
    }

    /** Reads a section's body. */
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Restores from a section's body. */
    private interface Restorer {
        void restore(DataInputStream in) throws IOException;
    }

    private static Void consume(DataInputStream in, Restorer r) throws IOException {
        r.restore(in);
        return null;
    }

    private <T> T read(String name, Reader<T> reader) throws SnapshotFormatException {
        return read(name, reader, false);
    }

    private <T> T read(String name, Reader<T> reader, boolean deflated) throws SnapshotFormatException {
        return read(name, reader, deflated, deflated);
    }

    /** Reads section {@code name}; unless {@code partly}, all of its bytes must be read. */
    private <T> T read(String name, Reader<T> reader, boolean deflated, boolean partly) throws SnapshotFormatException {
        Section s = sections.get(name);
        if (s == null) {
            throw new SnapshotFormatException(file + ": the snapshot has no \"" + name + "\" section");
        }
        String where = file + ": section \"" + name + "\" at offset " + s.offset() + ": ";
        ByteArrayInputStream bytes = new ByteArrayInputStream(s.body());
        T value;
        try (DataInputStream in = new DataInputStream(deflated ? new InflaterInputStream(bytes) : bytes)) {
            value = reader.read(in);
        } catch (EOFException e) {
            throw new SnapshotFormatException(where + "truncated (" + s.body().length + " bytes is too short)");
        } catch (IOException e) {
            throw new SnapshotFormatException(where + e.getMessage());
        }
        if (!partly && bytes.available() > 0) {
            throw new SnapshotFormatException(where + bytes.available() + " bytes left over after "
                    + (s.body().length - bytes.available()) + " (written by a different version of the device?)");
        }
        return value;
    }
}
