package jmoo.devices;

/** An interrupt request line from a device to an interrupt controller input. */
public interface IrqLine {
    /** Drives the line high (true) or low (false). Edge-triggered inputs latch on a rising edge. */
    void set(boolean level);

    /** Convenience for edge-triggered devices: a rising then a falling edge. */
    default void pulse() {
        set(true);
        set(false);
    }
}
