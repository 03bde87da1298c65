package jmoo.cpu.system;

/**
 * What one run of a guest program produced: the text written to the debug-console port, how
 * the run ended ("exit 0x31", "reset (triple fault)", "timeout", ...) and details for failure
 * messages that are not compared (final CPU state, QEMU's stderr).
 */
record GuestRun(String output, String ending, String detail) {
    /** The exit code runtime.s writes after test_main returns (EXIT_PASS in runtime.inc). */
    static final int EXIT_PASS = 0x31;

    static String exitEnding(int code) {
        return String.format("exit 0x%02x", code);
    }

    /** Output and ending as one text, the unit the tests compare. */
    String transcript() {
        return output + "[" + ending + "]\n";
    }
}
