package jmoo.debug;

/** How a gdb session ended. */
public enum SessionEnd {
    /** gdb sent 'D': the machine may continue without a debugger. */
    DETACHED,
    /** gdb sent 'k' or vKill: the user wants the machine stopped. */
    KILLED,
    /** The connection closed. */
    DISCONNECTED
}
