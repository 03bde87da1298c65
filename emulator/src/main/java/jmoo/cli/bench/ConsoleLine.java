package jmoo.cli.bench;

/**
 * One line a guest wrote to its console, with the host's monotonic clock when its last byte
 * arrived and the guest instructions executed by then (-1 when the guest runs outside jmoo).
 */
record ConsoleLine(String text, long wallNanos, long instructions) {
}
