package jmoo.disks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;

/**
 * A live snapshot of a writable disk: the chain is flushed and closed, a new COW is created over
 * its top (which from then on is only read), and the new chain is opened and swapped in under
 * the guest. On failure the old chain is opened again and the guest goes on as before.
 */
final class Snapshots {
    private Snapshots() {
    }

    /** Freezes the top of the disk in {@code slot}; {@code device} is what the port block serves it from. */
    static void freezeTop(UbdDisks disks, int slot, Path newTop, SwitchableDisk device) throws UserError {
        OpenedDisk disk = disks.get(slot);
        String what = disk.argument().deviceName() + " snapshot";
        if (Files.exists(newTop)) {
            throw new UserError(what + ": " + newTop + ": already exists");
        }
        List<Path> layers = disk.chain().layers().stream().map(l -> l.path()).toList();
        UbdFlags was = disk.argument().flags();
        UbdFlags flags = new UbdFlags(was.readOnly(), was.sync(), false, was.shared());   // the top is a COW now
        disks.remove(slot);
        try {
            disk.chain().close();   // flushes: everything the guest wrote is in the layer being frozen
            CowFiles.create(newTop, layers.get(0), false);
            disks.add(swapIn(slot, flags, List.of(newTop), device, null));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(newTop);
            String reason = e instanceof IOException io ? DiskOpener.describe(io) : e.toString();
            try {
                disks.add(swapIn(slot, flags, layers, device, null));
            } catch (IOException again) {
                throw new UserError(what + ": " + reason + "; reopening " + layers.get(0) + " failed too ("
                        + DiskOpener.describe(again) + "): the guest's I/O on it fails from now on");
            }
            throw new UserError(what + ": " + reason + "; the disk goes on unchanged");
        }
    }

    private static OpenedDisk swapIn(int slot, UbdFlags flags, List<Path> files, SwitchableDisk device, Path created)
            throws IOException {
        CowChain chain = CowChain.open(files, OpenOptions.writable());
        try {
            device.switchTo(chain);
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        String text = "ubd" + slot + flags + "=" + String.join(",", files.stream().map(Path::toString).toList());
        return new OpenedDisk(new UbdArgument(text, slot, flags, files), chain, created);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure being reported matters more
        }
    }
}
