package jmoo.machine;

/** How a run ended, with the process exit status the CLI uses and a short explanation. */
public record RunOutcome(Kind kind, String message) {
    /** The ways a run ends. */
    public enum Kind {
        POWER_OFF(0), HALT(0), QUIT(0), RESET(0), CRASH(1),
        /** The console input ended and the guest then stayed quiet ({@link InputEnd}). */
        INPUT_ENDED(3);

        private final int exitStatus;

        Kind(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    public int exitStatus() {
        return kind.exitStatus;
    }
}
