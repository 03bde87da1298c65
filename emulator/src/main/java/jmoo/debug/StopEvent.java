package jmoo.debug;

/** Why execution stopped, in the terms of a gdb stop reply. */
public record StopEvent(Kind kind, int address) {
    /** The causes a debugger distinguishes. */
    public enum Kind {
        STEPPED, SOFTWARE_BREAKPOINT, HARDWARE_BREAKPOINT, WATCHPOINT, READ_WATCHPOINT, ACCESS_WATCHPOINT,
        INTERRUPTED, HALTED, TRIPLE_FAULT, EXITED
    }

    private static final int SIGINT = 2;
    private static final int SIGTRAP = 5;
    private static final int SIGSEGV = 11;

    public static StopEvent of(Kind kind) {
        return new StopEvent(kind, 0);
    }

    /** The stop reply packet gdb expects ('S', 'T' with a reason, or 'W' for an exited target). */
    public String stopReply() {
        return switch (kind) {
            case STEPPED, HALTED -> String.format("S%02x", SIGTRAP);
            case SOFTWARE_BREAKPOINT -> String.format("T%02xswbreak:;", SIGTRAP);
            case HARDWARE_BREAKPOINT -> String.format("T%02xhwbreak:;", SIGTRAP);
            case WATCHPOINT -> String.format("T%02xwatch:%x;", SIGTRAP, address);
            case READ_WATCHPOINT -> String.format("T%02xrwatch:%x;", SIGTRAP, address);
            case ACCESS_WATCHPOINT -> String.format("T%02xawatch:%x;", SIGTRAP, address);
            case INTERRUPTED -> String.format("S%02x", SIGINT);
            case TRIPLE_FAULT -> String.format("S%02x", SIGSEGV);
            case EXITED -> "W00";
        };
    }
}
