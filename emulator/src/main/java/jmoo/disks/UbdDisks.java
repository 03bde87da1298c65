package jmoo.disks;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;

/**
 * The disks of one boot: up to 16 slots (ubda..ubdp), each empty or an {@link OpenedDisk}. Opens
 * all the command line's disk arguments or none (a failure closes those already open and deletes
 * COWs it created); {@link #close()} flushes and closes them all.
 */
public final class UbdDisks implements Closeable {
    private final OpenedDisk[] slots = new OpenedDisk[UbdArgument.SLOTS];

    /** Parses and opens {@code args} (each {@code ubdN[flags]=FILE[,FILE...]}); a slot may appear once. */
    public static UbdDisks open(List<String> args) throws UserError {
        List<UbdArgument> parsed = new ArrayList<>();
        for (String a : args) {
            parsed.add(UbdArgument.parse(a));
        }
        return openParsed(parsed);
    }

    public static UbdDisks openParsed(List<UbdArgument> args) throws UserError {
        UbdArgument[] bySlot = new UbdArgument[UbdArgument.SLOTS];
        for (UbdArgument a : args) {
            if (bySlot[a.slot()] != null) {
                throw new UserError(a.text() + ": " + a.deviceName() + " is already given by " + bySlot[a.slot()].text());
            }
            bySlot[a.slot()] = a;
        }
        UbdDisks disks = new UbdDisks();
        try {
            for (UbdArgument a : args) {
                disks.add(DiskOpener.open(a));
            }
        } catch (UserError | RuntimeException e) {
            disks.closeAfterFailure();
            throw e;
        }
        return disks;
    }

    /** Attaches every disk to the port block, each in its slot. */
    public void attachAll(jmoo.devices.ubd.UbdPortBlock ports) {
        for (OpenedDisk d : all()) {
            ports.attach(d.slot(), d.toUbdDisk());
        }
    }

    /** Puts an open disk in its slot (the monitor's hot add); the slot must be empty. */
    public void add(OpenedDisk disk) {
        if (slots[disk.slot()] != null) {
            throw new IllegalStateException(disk.argument().deviceName() + " is already attached");
        }
        slots[disk.slot()] = disk;
    }

    /** Empties a slot and returns what was there (not closed), or null. */
    public OpenedDisk remove(int slot) {
        OpenedDisk d = slots[slot];
        slots[slot] = null;
        return d;
    }

    /** The disk in {@code slot}, or null. */
    public OpenedDisk get(int slot) {
        return slots[slot];
    }

    /** The open disks in slot order. */
    public List<OpenedDisk> all() {
        List<OpenedDisk> list = new ArrayList<>();
        for (OpenedDisk d : slots) {
            if (d != null) {
                list.add(d);
            }
        }
        return list;
    }

    private void closeAfterFailure() {
        for (OpenedDisk d : all()) {
            try {
                d.close();
                if (d.createdCow() != null) {
                    java.nio.file.Files.deleteIfExists(d.createdCow());
                }
            } catch (IOException e) {
                // reporting the first failure matters more
            }
        }
    }

    /** Flushes and closes every disk; the first failure is thrown after all were tried. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                continue;
            }
            try {
                slots[i].close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
            slots[i] = null;
        }
        if (first != null) {
            throw first;
        }
    }
}
