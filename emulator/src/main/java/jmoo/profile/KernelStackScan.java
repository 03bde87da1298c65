package jmoo.profile;

import java.util.LinkedHashSet;
import java.util.Set;
import jmoo.devices.PhysicalMemory;

/**
 * The kernel functions that a sample is (probably) inside of: every word from ESP to the top of
 * the i386 kernel stack (8 KiB, aligned) that points into kernel text, named by System.map. Like
 * Linux's guessing unwinder this also finds stale return addresses, so the counts built from it
 * are upper bounds ("guessed inclusive"). Kernel stacks are in low memory, mapped at
 * PAGE_OFFSET: the scan reads physical memory directly and stops at the end of RAM.
 */
final class KernelStackScan {
    /** i386 THREAD_SIZE (two pages); IRQ stacks have the same size and alignment. */
    static final int STACK_SIZE = 8192;

    private final PhysicalMemory memory;
    private final SampleNamer namer;

    KernelStackScan(PhysicalMemory memory, SampleNamer namer) {
        this.memory = memory;
        this.namer = namer;
    }

    /** The distinct kernel text functions with an address on the stack above {@code esp}, nearest first. */
    Set<String> callers(int esp) {
        Set<String> found = new LinkedHashSet<>();
        long top = (Integer.toUnsignedLong(esp) | (STACK_SIZE - 1)) + 1;
        for (long at = Integer.toUnsignedLong(esp) & ~3L; at < top; at += 4) {
            long physical = at - SampleNamer.PAGE_OFFSET;
            if (physical < 0 || !memory.contains(physical, 4)) {
                break;
            }
            String name = namer.textSymbol(Integer.toUnsignedLong(memory.read32((int) physical)));
            if (name != null) {
                found.add(name);
            }
        }
        return found;
    }
}
