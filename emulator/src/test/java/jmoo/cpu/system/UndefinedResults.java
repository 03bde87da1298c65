package jmoo.cpu.system;

import java.util.Arrays;

/**
 * The register results the design leaves open, found by decoding the program's instruction at
 * an EIP: CPUID (only the family and the CMOV flag are fixed; vendor, model, EBX differ from
 * QEMU's), LAR (bits 16..19 of a 32-bit result are undefined in Intel's manual) and IN (the
 * two machines' devices answer status ports with different spare bits).
 */
final class UndefinedResults implements TraceComparator.Tolerance {
    private static final int[] CPUID = {-1, -1, -1, -1, 0, 0, 0, 0};
    private static final int[] LAR = new int[8];
    private static final int[] IN = {-1, 0, 0, 0, 0, 0, 0, 0};

    static {
        Arrays.fill(LAR, 0x000F0000);
    }

    private final GuestProgram program;

    UndefinedResults(GuestProgram program) {
        this.program = program;
    }

    @Override
    public int[] mayDiffer(int eip) {
        int at = eip - program.loadAddress();
        byte[] code = program.image();
        while (at >= 0 && at < code.length && isPrefix(code[at] & 0xFF)) {
            at++;
        }
        if (at < 0 || at + 1 >= code.length) {
            return null;
        }
        int opcode = code[at] & 0xFF;
        if (opcode == 0xE4 || opcode == 0xE5 || opcode == 0xEC || opcode == 0xED) {
            return IN;
        }
        if (opcode != 0x0F) {
            return null;
        }
        return switch (code[at + 1] & 0xFF) {
            case 0xA2 -> CPUID;
            case 0x02 -> LAR;
            default -> null;
        };
    }

    private static boolean isPrefix(int b) {
        return b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3
                || b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65;
    }
}
