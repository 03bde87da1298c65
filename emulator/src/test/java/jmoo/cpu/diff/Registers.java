package jmoo.cpu.diff;

/** Register names in ModRM order and compact formatting for failure messages. */
final class Registers {
    static final String[] NAMES32 = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};

    private Registers() {
    }

    static String format(int[] regs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i != 4) {
                sb.append(i == 0 ? "" : " ").append(NAMES32[i]).append('=').append(String.format("%08x", regs[i]));
            }
        }
        return sb.toString();
    }
}
