package jmoo.disks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;

/**
 * One disk argument of the boot command line, in UML's syntax:
 * {@code ubdN[flags]=FILE[,FILE...]}. N is the slot, 0-15 or a letter a-p ({@code ubd0} and
 * {@code ubda} are both {@code /dev/ubda}); the flags are {@link UbdFlags}; files are separated by
 * {@code ,} or {@code :}, either in UML's order {@code COW,BACKING} or base first
 * ({@code base,previous,current}); {@link DiskOpener} tells the two apart by the COW magic.
 *
 * @param text  the argument as the user typed it (error messages quote it)
 * @param slot  0 = ubda .. 15 = ubdp
 * @param files as named, in the order named
 */
public record UbdArgument(String text, int slot, UbdFlags flags, List<Path> files) {
    public static final int SLOTS = 16;

    public UbdArgument {
        files = List.copyOf(files);
    }

    /** True for arguments that the boot verb should hand to {@link #parse} rather than the kernel. */
    public static boolean looksLikeDisk(String arg) {
        return arg.startsWith("ubd") && arg.indexOf('=') > 3 && !arg.startsWith("ubd=");
    }

    public static UbdArgument parse(String text) throws UserError {
        int eq = text.indexOf('=');
        if (!text.startsWith("ubd") || eq < 0) {
            throw error(text, "expected ubdN[flags]=FILE[,FILE...]");
        }
        String head = text.substring(3, eq);
        int unitEnd = unitEnd(head);
        int slot = slot(text, head.substring(0, unitEnd));
        UbdFlags flags = flags(text, head.substring(unitEnd));
        List<Path> files = files(text, text.substring(eq + 1));
        if (flags.noCow() && files.size() > 1) {
            throw error(text, "the d flag means one plain image, but " + files.size() + " files are named");
        }
        return new UbdArgument(text, slot, flags, files);
    }

    /** The unit is digits or one letter, as in UML ({@code ubdc=} is slot 2; flags come after it). */
    private static int unitEnd(String head) {
        int i = 0;
        while (i < head.length() && Character.isDigit(head.charAt(i))) {
            i++;
        }
        if (i == 0 && !head.isEmpty() && head.charAt(0) >= 'a' && head.charAt(0) <= 'z') {
            i = 1;
        }
        return i;
    }

    private static int slot(String text, String unit) throws UserError {
        if (unit.isEmpty()) {
            throw error(text, "no disk number after ubd (ubd0..ubd15 or ubda..ubdp)");
        }
        int slot = Character.isLetter(unit.charAt(0)) ? unit.charAt(0) - 'a'
                : unit.length() > 2 ? SLOTS : Integer.parseInt(unit);
        if (slot >= SLOTS) {
            throw error(text, "disk " + unit + " is not in 0.." + (SLOTS - 1) + " (ubda..ubdp)");
        }
        return slot;
    }

    private static UbdFlags flags(String text, String letters) throws UserError {
        boolean r = false;
        boolean s = false;
        boolean d = false;
        boolean c = false;
        for (char ch : letters.toCharArray()) {
            switch (ch) {
                case 'r' -> r = true;
                case 's' -> s = true;
                case 'd' -> d = true;
                case 'c' -> c = true;
                default -> throw error(text, "unknown flag '" + ch + "' (flags: r read-only, s sync, d no COW, c shared)");
            }
        }
        return new UbdFlags(r, s, d, c);
    }

    private static List<Path> files(String text, String list) throws UserError {
        if (list.isEmpty()) {
            throw error(text, "no file named after =");
        }
        List<Path> files = new ArrayList<>();
        for (String name : list.split("[,:]", -1)) {
            if (name.isEmpty()) {
                throw error(text, "an empty file name in the list (two separators in a row, or one at an end)");
            }
            files.add(Path.of(name));
        }
        return files;
    }

    private static UserError error(String text, String reason) {
        return new UserError(text + ": " + reason);
    }

    /** UML's device name: ubda for slot 0. */
    public String deviceName() {
        return deviceName(slot);
    }

    public static String deviceName(int slot) {
        return "ubd" + (char) ('a' + slot);
    }
}
