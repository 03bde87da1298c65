package jmoo.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * A guest kernel backtrace from the final registers: a frame-pointer walk (EBP chain; exact when
 * the kernel keeps frame pointers) and, with a System.map, a stack scan listing every word on the
 * stack that points into kernel text (marked '?', like Linux's guessing unwinder, since a stale
 * return address looks the same as a live one).
 */
public final class Backtrace {
    private Backtrace() {
    }

    /** The backtrace as text lines; {@code map} may be null (addresses stay unsymbolized). */
    public static List<String> of(LinearMemory memory, int eip, int esp, int ebp, SystemMap map,
            int maxFrames, int scanWords) {
        List<String> lines = new ArrayList<>();
        lines.add("EIP: " + describe(eip, map));
        lines.add("frame-pointer walk:");
        walkFramePointers(memory, ebp, map, maxFrames, lines);
        if (map != null) {
            lines.add("stack scan from ESP " + String.format("0x%08x", esp) + " ('?' = guessed from stack contents):");
            scanStack(memory, esp, map, scanWords, lines);
        }
        return lines;
    }

    private static void walkFramePointers(LinearMemory memory, int ebp, SystemMap map, int maxFrames,
            List<String> lines) {
        int frame = ebp;
        for (int depth = 0; depth < maxFrames; depth++) {
            Integer callerFrame = memory.read32(frame);
            Integer returnAddress = memory.read32(frame + 4);
            if (frame == 0 || callerFrame == null || returnAddress == null) {
                return;
            }
            if (map != null && !map.isKernelText(Integer.toUnsignedLong(returnAddress))) {
                return; // not a frame pointer: the kernel was built without them, or the chain ended
            }
            lines.add("  " + describe(returnAddress, map));
            if (Integer.compareUnsigned(callerFrame, frame) <= 0) {
                return; // frames must move up the stack
            }
            frame = callerFrame;
        }
    }

    private static void scanStack(LinearMemory memory, int esp, SystemMap map, int words, List<String> lines) {
        for (int i = 0; i < words; i++) {
            int at = esp + 4 * i;
            Integer word = memory.read32(at);
            if (word == null) {
                return;
            }
            if (map.isKernelText(Integer.toUnsignedLong(word))) {
                lines.add(String.format("  [0x%08x] ? %s", at, describe(word, map)));
            }
        }
    }

    private static String describe(int address, SystemMap map) {
        long a = Integer.toUnsignedLong(address);
        return map == null ? String.format("0x%08x", a) : map.describe(a);
    }
}
