package jmoo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.machine.MemorySize;
import jmoo.machine.VirtualTime;

/**
 * The boot verb's command line, UML style: the runtime takes what it understands (--kernel,
 * --initrd, --system-map, --insn-ns, --no-reboot, --record, --gdb, --gdb-wait, --watchdog, mem=, and ubdN= disks)
 * and every other argument goes to the guest kernel's command line in order.
 */
record BootOptions(Path kernel, Path initrd, Path systemMap, long ramBytes, long nanosPerInstruction,
                   boolean noReboot, List<String> diskArgs, List<String> kernelArgs, boolean help,
                   Path record, List<String> arguments, int gdbPort, boolean gdbWait, long watchdogNanos) {

    static BootOptions parse(String[] args) throws UserError {
        Path kernel = null;
        Path initrd = null;
        Path systemMap = null;
        long ram = MemorySize.DEFAULT;
        long period = VirtualTime.DEFAULT_NANOS_PER_INSTRUCTION;
        boolean noReboot = false;
        Path record = null;
        boolean help = false;
        int gdbPort = -1;
        boolean gdbWait = false;
        long watchdog = 0;
        List<String> disks = new ArrayList<>();
        List<String> kernelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String option = a.contains("=") && a.startsWith("--") ? a.substring(0, a.indexOf('=')) : a;
            String inlineValue = option.equals(a) ? null : a.substring(a.indexOf('=') + 1);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--kernel" -> kernel = Path.of(inlineValue != null ? inlineValue : value(args, ++i, a));
                case "--initrd" -> initrd = Path.of(inlineValue != null ? inlineValue : value(args, ++i, a));
                case "--system-map" -> systemMap = Path.of(inlineValue != null ? inlineValue : value(args, ++i, a));
                case "--insn-ns" -> period = positive(inlineValue != null ? inlineValue : value(args, ++i, a), a);
                case "--no-reboot" -> noReboot = true;
                case "--gdb" -> gdbPort = port(inlineValue != null ? inlineValue : value(args, ++i, a));
                case "--gdb-wait" -> gdbWait = true;
                case "--watchdog" -> watchdog = seconds(inlineValue != null ? inlineValue : value(args, ++i, a), a);
                case "--record" -> record = Path.of(inlineValue != null ? inlineValue : value(args, ++i, a));
                default -> {
                    if (a.startsWith("mem=")) {
                        ram = memory(a.substring(4));
                    } else if (a.matches("ubd[0-9a-z]+[rsdc]*=.*")) {
                        disks.add(a);
                    } else if (a.startsWith("--")) {
                        throw new UserError("unknown option " + a + " (./jmoo boot --help lists them; kernel"
                                + " arguments do not start with --)");
                    } else {
                        kernelArgs.add(a);
                    }
                }
            }
        }
        if (gdbWait && gdbPort < 0) {
            throw new UserError("--gdb-wait needs --gdb PORT");
        }
        return new BootOptions(kernel, initrd, systemMap, ram, period, noReboot, disks, kernelArgs, help, record,
                List.of(args), gdbPort, gdbWait, watchdog);
    }

    private static String value(String[] args, int i, String option) throws UserError {
        if (i >= args.length) {
            throw new UserError(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) throws UserError {
        if (text.matches("[0-9]{1,5}") && Integer.parseInt(text) <= 65535) {
            return Integer.parseInt(text);
        }
        throw new UserError("--gdb expects a TCP port (0-65535), got " + text);
    }

    /** Seconds of virtual time (a decimal, e.g. 30 or 0.5) in nanoseconds; 0 turns the watchdog off. */
    private static long seconds(String text, String option) throws UserError {
        try {
            long nanos = new java.math.BigDecimal(text).movePointRight(9).longValueExact();
            if (nanos >= 0) {
                return nanos;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new UserError(option + ": expected seconds of virtual time (e.g. 30 or 0.5; 0 = off), got " + text);
    }

    private static long memory(String text) throws UserError {
        try {
            return MemorySize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static long positive(String text, String option) throws UserError {
        try {
            long v = Long.parseLong(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(option + ": expected a positive whole number of nanoseconds, got " + text);
    }

    /** True when the user gave a kernel argument starting with {@code prefix} (e.g. "root="). */
    boolean hasKernelArg(String prefix) {
        return kernelArgs.stream().anyMatch(a -> a.startsWith(prefix));
    }

    /** The guest kernel command line: ours first (a serial console unless the user chose one), then the user's. */
    String kernelCommandLine() {
        List<String> all = new ArrayList<>();
        if (kernelArgs.stream().noneMatch(a -> a.startsWith("console="))) {
            all.add("console=ttyS0");
        }
        all.addAll(kernelArgs);
        return String.join(" ", all);
    }
}
