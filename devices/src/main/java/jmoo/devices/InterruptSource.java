package jmoo.devices;

/** What the CPU sees of the interrupt controller: the INTR pin and the INTA cycle. */
public interface InterruptSource {
    /** True when an unmasked interrupt request is waiting (the CPU's INTR pin). */
    boolean hasInterrupt();

    /** The interrupt acknowledge cycle: returns the vector and marks it in service. */
    int acknowledgeInterrupt();
}
