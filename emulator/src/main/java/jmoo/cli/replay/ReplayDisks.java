package jmoo.cli.replay;

import java.io.Closeable;
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

/**
 * A bundle's disks reopened for a replay from their frozen layers (checked against their sha256
 * beforehand, by {@link jmoo.replay.BundleInputs}): a writable disk gets a fresh COW over them in
 * a temporary folder, so the replay never writes the bundle's files; {@link #close()} deletes it.
 */
final class ReplayDisks implements Closeable {
    private final List<CowChain> chains = new ArrayList<>();
    private final Path scratch;

    private ReplayDisks(Path scratch) {
        this.scratch = scratch;
    }

    /** Opens every recorded disk of {@code m} and attaches it to {@code ports} in its slot. */
    static ReplayDisks attach(BundleManifest m, UbdPortBlock ports) throws IOException, UserError {
        ReplayDisks disks = new ReplayDisks(Files.createTempDirectory("jmoo-replay-disks-"));
        try {
            for (BundleManifest.RecordedDisk d : m.disks()) {
                UbdArgument arg = UbdArgument.parse(d.disk() + d.flags() + "=-");
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
        List<Path> files = new ArrayList<>();
        for (BundleManifest.DiskLayer l : m.layersOf(d.disk())) {
            files.add(Path.of(l.path()));
        }
        if (files.isEmpty()) {
            throw new UserError("replay: " + d.disk() + ": the manifest lists no layers for it");
        }
        CowChain chain;
        if (arg.flags().readOnly()) {
            chain = CowChain.open(files, OpenOptions.readOnly());
        } else {
            Path top = scratch.resolve(d.disk() + "-replay.cow");
            CowFiles.create(top, files.get(0), false);
            files.add(0, top);
            chain = CowChain.open(files, OpenOptions.writable());
        }
        chains.add(chain);
        return chain;
    }

    /** Closes the disks and deletes the replay's temporary COWs. */
    @Override
    public void close() throws IOException {
        try {
            for (CowChain c : chains) {
                c.close();
            }
        } finally {
            Directories.deleteTree(scratch);
        }
    }
}
