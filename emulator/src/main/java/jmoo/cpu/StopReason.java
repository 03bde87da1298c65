package jmoo.cpu;

/** Why {@link Cpu#run(long)} returned. */
public enum StopReason {
    /** The requested number of instructions retired. */
    INSTRUCTION_LIMIT,
    /** The CPU executed HLT (or is still halted) and no interrupt can wake it now. */
    HALTED,
    /** An exception occurred while delivering a double fault: the machine must reset. */
    TRIPLE_FAULT,
    /** {@link Cpu#requestStop()} was called (by a device or another thread). */
    SHUTDOWN_REQUESTED
}
