package jmoo.debug;

/** Why {@link DebugTarget#run} returned. */
public enum TargetState {
    /** The instruction budget ran out: the machine can continue. */
    RUNNABLE,
    /** The CPU halted with nothing that can wake it (HLT with interrupts off, or no timer). */
    HALTED,
    /** A triple fault (on a PC this resets the machine). */
    TRIPLE_FAULT,
    /** The guest powered off or asked the emulator to stop. */
    EXITED
}
