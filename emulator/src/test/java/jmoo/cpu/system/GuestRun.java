package jmoo.cpu.system;

/**
 * What one run of a guest program produced: the text written to the debug-console port and how
 * the run ended ("exit 0x31", "reset (triple fault)", "timeout", ...).
 */
record GuestRun(String output, String ending) {
    static final int EXIT_PASS = 0x31;

    static String exitEnding(int code) {
        return String.format("exit 0x%02x", code);
    }

    boolean passed() {
        return ending.equals(exitEnding(EXIT_PASS));
    }

    /** Output and ending as one text, the unit the tests compare. */
    String transcript() {
        return output + "[" + ending + "]\n";
    }
}
