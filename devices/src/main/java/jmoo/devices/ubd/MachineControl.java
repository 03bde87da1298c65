package jmoo.devices.ubd;

/**
 * What the guest asks of the machine through the port block's CONTROL register. The calls come
 * from inside the guest's OUT instruction: an implementation records the request and makes the
 * run loop stop after the instruction; it must not throw.
 */
public interface MachineControl {
    /** The guest kernel powered off (busybox {@code poweroff}): end the run, status 0. */
    void powerOff();

    /** The guest asked for a restart ({@code reboot}): reset the machine or end the run. */
    void reboot();

    /** The guest halted ({@code halt}): end the run. */
    void halt();

    /**
     * The guest kernel panicked; {@code message} is panic()'s text (may be empty). The kernel
     * still prints its report after this: end the run at {@link #panicEnd()} or at the next reset.
     */
    void panic(String message);

    /** The panic report is complete on the console (first {@code panic_blink} call). */
    void panicEnd();
}
