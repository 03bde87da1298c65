package jmoo.disks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.devices.ubd.UbdPortBlock;

/**
 * The monitor's disk commands, in the spirit of UML's mconsole: {@code info disks},
 * {@code config ubdN=...} (hot add), {@code remove ubdN} and {@code snapshot ubdN [FILE]}.
 * Call {@link #execute} on the machine thread only: it changes the port block's slots.
 */
public final class DiskMonitor {
    /** The command lines, for the monitor's help and completion. */
    public static final List<String> COMMANDS = List.of("info disks", "config", "remove", "snapshot");
    public static final String HELP = """
            info disks  every disk: arguments, layers, sizes, allocated sectors, request counts
            config ubdN[flags]=FILE[,FILE...]  attach a disk (the guest sees it within ~1 s)
            remove ubdN detach a disk (unmount it in the guest first: its I/O fails afterwards)
            snapshot ubdN [FILE]  freeze the top layer read-only and go on writing a new COW
                        over it (FILE, default beside the top: NAME-1.cow, NAME-2.cow, ...)""";

    private final UbdPortBlock ports;
    private final UbdDisks disks;

    public DiskMonitor(UbdPortBlock ports, UbdDisks disks) {
        this.ports = ports;
        this.disks = disks;
    }

    /** Runs {@code line} when it is a disk command and returns what to print; null when it is not one. */
    public String execute(String line) {
        String[] words = line.trim().split("\\s+");
        try {
            return switch (words[0]) {
                case "info" -> words.length == 2 && words[1].equals("disks") ? DiskInfoText.of(ports, disks) : null;
                case "config" -> config(words);
                case "remove" -> remove(words);
                case "snapshot" -> snapshot(words);
                default -> null;
            };
        } catch (UserError e) {
            return e.getMessage();
        }
    }

    private String config(String[] words) throws UserError {
        if (words.length != 2) {
            throw new UserError("usage: config ubdN[flags]=FILE[,FILE...]");
        }
        UbdArgument arg = UbdArgument.parse(words[1]);
        if (disks.get(arg.slot()) != null) {
            throw new UserError(arg.text() + ": " + arg.deviceName() + " is in use (remove " + arg.deviceName() + " first)");
        }
        OpenedDisk disk = DiskOpener.open(arg);
        disks.add(disk);
        ports.attach(arg.slot(), disk.toUbdDisk());
        return arg.deviceName() + " attached: " + DiskInfoText.layers(disk.chain())
                + (disk.createdCow() != null ? " (created " + disk.createdCow() + ")" : "");
    }

    private String remove(String[] words) throws UserError {
        if (words.length != 2) {
            throw new UserError("usage: remove ubdN");
        }
        int slot = slotOf(words[1]);
        OpenedDisk disk = disks.remove(slot);
        ports.detach(slot);
        try {
            disk.close();
        } catch (IOException e) {
            throw new UserError(words[1] + " detached, but closing it failed: " + DiskOpener.describe(e));
        }
        return UbdArgument.deviceName(slot) + " detached and closed";
    }

    private String snapshot(String[] words) throws UserError {
        if (words.length < 2 || words.length > 3) {
            throw new UserError("usage: snapshot ubdN [FILE]");
        }
        int slot = slotOf(words[1]);
        OpenedDisk disk = disks.get(slot);
        if (disk.chain().readOnly()) {
            throw new UserError(UbdArgument.deviceName(slot) + " is read-only: it has nothing to freeze");
        }
        Path frozen = disk.chain().layers().get(0).path();
        Path top = words.length == 3 ? Path.of(words[2]) : nextFreeName(frozen);
        Snapshots.freezeTop(disks, slot, top, (SwitchableDisk) ports.disk(slot).device());
        return UbdArgument.deviceName(slot) + ": " + frozen + " is frozen; writes go to " + top
                + " (boot it later with ubd" + slot + "=" + top + ")";
    }

    private int slotOf(String word) throws UserError {
        UbdArgument arg = UbdArgument.parse(word.contains("=") ? word : word + "=-");
        if (disks.get(arg.slot()) == null) {
            throw new UserError(word + ": no disk in " + arg.deviceName());
        }
        return arg.slot();
    }

    /** {@code NAME-1.cow}, {@code NAME-2.cow}, ... beside {@code top}: the first that does not exist. */
    public static Path nextFreeName(Path top) {
        String name = top.getFileName().toString();
        String stem = name.endsWith(".cow") ? name.substring(0, name.length() - 4) : name;
        for (int n = 1; ; n++) {
            Path candidate = top.resolveSibling(stem + "-" + n + ".cow");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }
}
