package jmoo.devices;

/**
 * Guest virtual time in nanoseconds since power-on. The machine derives it from the CPU's
 * instruction count (plus time skipped while halted), never from the host clock, so a run is
 * deterministic and replayable.
 */
@FunctionalInterface
public interface VirtualClock {
    long nanos();
}
