package jmoo.cpu.system;

/**
 * The architectural state a single-step trace records before each instruction: the eight
 * general registers in ModRM order (EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI), EIP and EFLAGS.
 */
record CpuSnapshot(int eip, int[] regs, int eflags) {
    private static final String[] NAMES = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};

    static String regName(int index) {
        return NAMES[index];
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("eip=%08x eflags=%08x", eip, eflags));
        for (int i = 0; i < NAMES.length; i++) {
            s.append(String.format(" %s=%08x", NAMES[i], regs[i]));
        }
        return s.toString();
    }
}
