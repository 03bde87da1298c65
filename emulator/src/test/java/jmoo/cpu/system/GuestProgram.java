package jmoo.cpu.system;

import java.nio.file.Path;

/**
 * A built system-test guest program: the multiboot ELF (what QEMU boots) and the same bytes as
 * a flat image to place at {@code loadAddress} and enter at {@code entry} (what jmoo runs).
 */
record GuestProgram(String name, Path elf, byte[] image, int loadAddress, int entry) {
}
