package jmoo.cli.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disk.CowFiles;
import jmoo.disk.Layer;
import jmoo.disks.BootDisks;
import jmoo.disks.DiskMonitor;
import jmoo.disks.DiskOpener;
import jmoo.disks.OpenedDisk;
import jmoo.disks.UbdArgument;
import jmoo.disks.UbdFlags;
import jmoo.replay.BundleManifest;
import jmoo.replay.Sha256;

/**
 * The disks' state at instruction 0 of a recorded run, frozen before the guest runs: for each
 * writable disk the chain's top becomes a read-only layer and the run writes to a new top COW
 * over it ({@code NAME-1.cow} beside it, as the monitor's {@code snapshot} names it). The
 * throw-away session COW of a plain {@code ./jmoo} is the exception: its starting state, an empty
 * COW over the shipped image, is created in the bundle (sparse, a few KiB on disk) so the bundle
 * outlives the session, and the run's top stays in the session's temporary folder. Every frozen
 * layer is recorded by path and sha256; read-only disks are recorded as they are.
 */
public final class StartingDisks {
    /** The frozen layers (depth 0 the base) and the disks they belong to, for the manifest. */
    public record Frozen(List<BundleManifest.DiskLayer> layers, List<BundleManifest.RecordedDisk> disks) {
    }

    static final String SESSION_START = "-start.cow";

    private StartingDisks() {
    }

    /** Freezes every attached disk of {@code boot}; {@code bundle} is the recording's directory. */
    public static Frozen freeze(BootDisks boot, Path bundle) throws UserError {
        List<BundleManifest.DiskLayer> layers = new ArrayList<>();
        List<BundleManifest.RecordedDisk> disks = new ArrayList<>();
        for (OpenedDisk disk : boot.disks().all()) {
            UbdArgument arg = disk.argument();
            List<Path> frozen = topFirst(disk);
            String runTop = null;
            if (!arg.flags().readOnly()) {
                boolean session = boot.sessionRoot() && disk.slot() == 0;
                Path newTop = session ? disk.chain().layers().get(0).path().resolveSibling(arg.deviceName() + "-run.cow")
                        : DiskMonitor.nextFreeName(frozen.get(0));
                frozen = reopenOver(boot, disk, session ? bundle.resolve(arg.deviceName() + SESSION_START) : null, newTop);
                runTop = newTop.toAbsolutePath().toString();
            }
            for (int i = 0; i < frozen.size(); i++) {
                Path layer = frozen.get(i);
                layers.add(new BundleManifest.DiskLayer(arg.deviceName(), frozen.size() - 1 - i,
                        layer.toAbsolutePath().toString(), sha256(arg, layer)));
            }
            disks.add(new BundleManifest.RecordedDisk(arg.deviceName(), arg.flags().toString(), runTop));
        }
        return new Frozen(layers, disks);
    }

    private static List<Path> topFirst(OpenedDisk disk) {
        return disk.chain().layers().stream().map(Layer::path).toList();
    }

    /**
     * Closes the disk (flushing it), then opens it again as {@code newTop} over its layers; with
     * {@code sessionStart}, an empty COW over the base there replaces the session's own top.
     * Returns the frozen layers, top first.
     */
    private static List<Path> reopenOver(BootDisks boot, OpenedDisk disk, Path sessionStart, Path newTop)
            throws UserError {
        UbdArgument arg = disk.argument();
        List<Path> frozen = topFirst(disk);
        boot.disks().remove(disk.slot());
        try {
            disk.close();
            if (sessionStart != null) {
                CowFiles.create(sessionStart, frozen.get(frozen.size() - 1), false);
                frozen = List.of(sessionStart, frozen.get(frozen.size() - 1));
            }
        } catch (IOException e) {
            throw new UserError("--record: freezing " + arg.deviceName() + ": " + e.getMessage());
        }
        List<Path> files = new ArrayList<>();
        files.add(newTop);
        files.addAll(frozen);
        UbdFlags was = arg.flags();
        UbdFlags flags = new UbdFlags(false, was.sync(), false, was.shared());   // the top is a COW now
        String text = arg.deviceName() + flags + "=" + String.join(",", files.stream().map(Path::toString).toList());
        boot.disks().add(DiskOpener.open(new UbdArgument(text, disk.slot(), flags, files)));   // creates newTop
        return frozen;
    }

    private static String sha256(UbdArgument arg, Path layer) throws UserError {
        try {
            return Sha256.ofFile(layer);
        } catch (IOException e) {
            throw new UserError("--record: " + arg.deviceName() + " layer " + layer + ": " + e.getMessage());
        }
    }
}
