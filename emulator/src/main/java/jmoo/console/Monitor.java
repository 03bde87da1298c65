package jmoo.console;

import java.util.List;

/** The monitor's command language (help, info regs, info mem, stop, cont, quit). */
public final class Monitor {
    /** Every command line the monitor understands, for completion and help. */
    public static final List<String> COMMANDS = List.of("help", "info regs", "info mem", "stop", "cont", "quit");

    private static final String HELP = """
            help        this list
            info regs   CPU registers, EIP, control registers
            info mem    page-table mappings (linear -> physical)
            stop        pause the guest
            cont        resume the guest
            quit        end jmoo (the guest is not shut down cleanly)
            Ctrl-A c or Ctrl-D leaves the monitor; the guest keeps running unless stopped.""";

    private final MonitorTarget target;

    public Monitor(MonitorTarget target) {
        this.target = target;
    }

    /** Runs one command line and returns what to print (possibly empty). */
    public String execute(String line) {
        String cmd = line.trim().replaceAll("\\s+", " ");
        switch (cmd) {
            case "":
                return "";
            case "help", "?":
                return target.moreHelp().isEmpty() ? HELP : HELP + "\n" + target.moreHelp();
            case "info regs", "info registers":
                return target.registers();
            case "info mem":
                return target.memoryMappings();
            case "stop":
                target.stop();
                return "guest stopped";
            case "cont", "c":
                target.cont();
                return "guest running";
            case "quit", "q":
                target.quit();
                return "";
            default:
                String more = target.moreCommands(cmd);
                return more != null ? more : "unknown command: '" + cmd + "' (try help)";
        }
    }
}
