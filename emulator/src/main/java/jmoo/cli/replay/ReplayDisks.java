package jmoo.cli.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.devices.ubd.UbdDisk;
import jmoo.devices.ubd.UbdPortBlock;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;
import jmoo.disks.UbdArgument;
import jmoo.replay.BundleManifest;
import jmoo.replay.Directories;
import jmoo.replay.OwnedTempFolders;
import jmoo.replay.Sha256;

/**
 * A bundle's disks reopened for a replay from their frozen layers (checked against their sha256
 * beforehand, by {@link jmoo.replay.BundleInputs}): a writable disk gets a fresh COW over them in
 * a temporary folder, so the replay never writes the bundle's files; {@link #close()} deletes it.
 * For a machine snapshot, {@link #freezeTops} keeps those COWs as new frozen layers.
 */
final class ReplayDisks implements Closeable {
    /** A disk the replay writes to: its slot, its frozen layers (top first) and its current chain. */
    private static final class Writable {
        final String disk;
        final int slot;
        final boolean sync;
        final List<BundleManifest.DiskLayer> frozen;
        Path top;
        CowChain chain;

        Writable(String disk, int slot, boolean sync, List<BundleManifest.DiskLayer> frozen) {
            this.disk = disk;
            this.slot = slot;
            this.sync = sync;
            this.frozen = new ArrayList<>(frozen);
        }
    }

    private final List<CowChain> readOnly = new ArrayList<>();
    private final List<BundleManifest.DiskLayer> readOnlyLayers = new ArrayList<>();
    private final List<Writable> writable = new ArrayList<>();
    private final List<BundleManifest.RecordedDisk> recorded = new ArrayList<>();
    private final Path scratch;
    private int tops;

    /** The replay's scratch folder: PREFIX-PID-RANDOM (see OwnedTempFolders), holding its COW files. */
    static final String SCRATCH_PREFIX = "jmoo-replay-disks-";

    private ReplayDisks(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Opens every recorded disk of {@code m} and attaches it to {@code ports} in its slot; the
     * replay's own COWs go in a temporary folder under {@code scratchParent} (null: the system's).
     */
    static ReplayDisks attach(BundleManifest m, UbdPortBlock ports, Path scratchParent) throws IOException, UserError {
        Path parent = scratchParent == null ? OwnedTempFolders.temporaryFolder() : scratchParent;
        String prefix = scratchParent == null ? SCRATCH_PREFIX : "." + SCRATCH_PREFIX;
        OwnedTempFolders.sweepStale(parent, prefix); // left by replays killed with kill -9
        ReplayDisks disks = new ReplayDisks(OwnedTempFolders.create(parent, prefix));
        try {
            for (BundleManifest.RecordedDisk d : m.disks()) {
                UbdArgument arg = UbdArgument.parse(d.disk() + d.flags() + "=-");
                disks.recorded.add(new BundleManifest.RecordedDisk(d.disk(), d.flags(), null));
                ports.attach(arg.slot(), new UbdDisk(disks.open(m, d, arg), arg.flags().sync()));
            }
        } catch (IOException | UserError | RuntimeException e) {
            disks.close();
            throw e;
        }
        return disks;
    }

    private CowChain open(BundleManifest m, BundleManifest.RecordedDisk d, UbdArgument arg)
            throws IOException, UserError {
        List<BundleManifest.DiskLayer> layers = m.layersOf(d.disk());
        if (layers.isEmpty()) {
            throw new UserError("replay: " + d.disk() + ": the manifest lists no layers for it");
        }
        if (arg.flags().readOnly()) {
            CowChain chain = CowChain.open(paths(layers), OpenOptions.readOnly());
            readOnly.add(chain);
            readOnlyLayers.addAll(layers);
            return chain;
        }
        Writable w = new Writable(d.disk(), arg.slot(), arg.flags().sync(), layers);
        writable.add(w);
        openNewTop(w);
        return w.chain;
    }

    private void openNewTop(Writable w) throws IOException {
        w.top = scratch.resolve(w.disk + "-replay-" + ++tops + ".cow");
        CowFiles.create(w.top, Path.of(w.frozen.get(0).path()), false);
        List<Path> files = new ArrayList<>();
        files.add(w.top);
        files.addAll(paths(w.frozen));
        w.chain = CowChain.open(files, OpenOptions.writable());
    }

    private static List<Path> paths(List<BundleManifest.DiskLayer> layers) {
        return layers.stream().map(l -> Path.of(l.path())).toList();
    }

    /**
     * Freezes what the replay has written so far, for a machine snapshot saved as {@code snapshot}:
     * each writable disk's COW is flushed, moved beside it as {@code SNAPSHOT-DISK.cow} (one more
     * read-only layer) and the replay goes on writing a fresh COW over it. The guest sees nothing:
     * the disks keep their slots and the port block its state. Returns every disk's layers.
     */
    List<BundleManifest.DiskLayer> freezeTops(Path snapshot, UbdPortBlock ports) throws IOException, UserError {
        for (Writable w : writable) {
            Path kept = layerBeside(snapshot, w.disk);
            if (Files.exists(kept)) {
                throw new UserError("replay: " + kept + " already exists: the snapshot's disk layers are never"
                        + " overwritten (choose another snapshot name)");
            }
        }
        byte[] portState = portState(ports);
        List<BundleManifest.DiskLayer> out = new ArrayList<>(readOnlyLayers);
        for (Writable w : writable) {
            Path kept = layerBeside(snapshot, w.disk);
            ports.detach(w.slot);
            w.chain.close();
            Files.move(w.top, kept);
            w.frozen.add(0, new BundleManifest.DiskLayer(w.disk, w.frozen.size(), kept.toAbsolutePath().toString(),
                    Sha256.ofFile(kept)));
            openNewTop(w);
            ports.attach(w.slot, new UbdDisk(w.chain, w.sync));
            out.addAll(w.frozen);
        }
        ports.restoreState(new DataInputStream(new ByteArrayInputStream(portState)));
        return out;
    }

    /** The disks and their flags, for a snapshot. */
    List<BundleManifest.RecordedDisk> recorded() {
        return List.copyOf(recorded);
    }

    /** Where a snapshot keeps the layer of {@code disk}: {@code FILE-DISK.cow} beside it. */
    static Path layerBeside(Path snapshot, String disk) {
        return snapshot.toAbsolutePath().resolveSibling(snapshot.getFileName() + "-" + disk + ".cow");
    }

    private static byte[] portState(UbdPortBlock ports) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ports.saveState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Closes the disks and deletes the replay's temporary COWs. */
    @Override
    public void close() throws IOException {
        try {
            for (CowChain c : readOnly) {
                c.close();
            }
            for (Writable w : writable) {
                if (w.chain != null) {
                    w.chain.close();
                }
            }
        } finally {
            Directories.deleteTree(scratch);
        }
    }
}
