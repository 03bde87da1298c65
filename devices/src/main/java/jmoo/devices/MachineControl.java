package jmoo.devices;

/**
 * What a device may ask of the machine it is plugged into: power off, reset, halt, and guest
 * panic notices. Requests take effect before the next guest instruction: the machine stops the
 * CPU at once and ends or restarts the run. Used by the i8042 (reset line) and the paravirtual
 * control ports.
 */
public interface MachineControl {
    /** The guest asked to power off (exit status 0). */
    void requestPowerOff();

    /** The guest asked for a reset (reboot). */
    void requestReset();

    /** The guest halted for good (its `halt`). */
    void requestHalt();

    /** The guest kernel panicked with {@code message}; its report may still be printing. */
    void guestPanic(String message);

    /** The guest's panic report is complete: the machine ends the run with a crash report. */
    void guestPanicComplete();
}
