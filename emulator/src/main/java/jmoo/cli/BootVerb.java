package jmoo.cli;

import java.io.PrintStream;

/** Boots a guest. Placeholder until the machine lands (issue "Boot Linux to a shell"). */
final class BootVerb implements Verb {
    @Override
    public String name() {
        return "boot";
    }

    @Override
    public String summary() {
        return "boot a Linux guest (the default verb): ./jmoo [ubd0=COW,BACKING] [mem=64M] [kernel args]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UserError {
        throw new UserError("booting a guest is not implemented yet (the CPU and machine are in progress)", 3);
    }
}
