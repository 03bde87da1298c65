package jmoo.boot;

/**
 * Where the loader put things: the CPU starts at {@code entry} in flat protected mode with
 * ESI = {@code zeroPage}.
 */
public record LoadedKernel(String format, int entry, int zeroPage, long kernelEnd, long initrdAddress, long initrdSize) {
}
