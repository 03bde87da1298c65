package jmoo.machine;

import java.util.function.IntConsumer;

/**
 * What a run does once its console input has ended (stdin reached its end, the terminal went
 * away, or a replay delivered its last recorded byte) and the guest has taken every byte.
 *
 * <p>Like a user at a terminal, it types Ctrl-D when the guest sits at a shell prompt (its output
 * ends with busybox ash's cursor query {@code ESC [ 6 n}, or with "# " or "$ ") and has been quiet
 * for {@link #PROMPT_QUIET_NANOS}: the shell exits, and the shipped guest powers off when told
 * {@code jmoo.eof=poweroff}. At most {@link #MAX_EOF_KEYS} times, once per prompt. The key goes
 * through the run's input source, so a recording logs it like any typed byte and a replay
 * delivers it from the log (a replay has no typist: {@code typist} is null).
 *
 * <p>If the guest then stays quiet (no console output, no input delivered) for
 * {@link #QUIET_END_NANOS} of virtual time, the run ends with {@link RunOutcome.Kind#INPUT_ENDED}.
 */
public final class InputEnd {
    /** Quiet time at a prompt before Ctrl-D is typed. */
    static final long PROMPT_QUIET_NANOS = 1_000_000_000L;
    /** Quiet time after which the run ends. */
    public static final long QUIET_END_NANOS = 120_000_000_000L;
    static final int MAX_EOF_KEYS = 3;
    static final int CTRL_D = 0x04;
    private static final String[] PROMPT_ENDINGS = {"\033[6n", "# ", "$ "};

    private final ConsoleTail tail;
    private final IntConsumer typist;
    private long outputSeen;
    private long quietSinceNanos;
    private int eofKeys;
    private long promptAnsweredAtOutput = -1;

    /**
     * @param typist types a byte into the run's live input (recorded when delivered), or null
     *               in a replay, where the recorded bytes are all there is
     */
    public InputEnd(ConsoleTail tail, IntConsumer typist) {
        this.tail = tail;
        this.typist = typist;
    }

    /** A byte was delivered to the guest at {@code nowNanos}. */
    void delivered(long nowNanos) {
        quietSinceNanos = nowNanos;
    }

    /**
     * Called at slice boundaries while the input has ended and every byte was delivered.
     * Returns the outcome that ends the run, or null.
     */
    RunOutcome check(long nowNanos) {
        long written = tail.bytesWritten();
        if (written != outputSeen) {
            outputSeen = written;
            quietSinceNanos = nowNanos;
            return null;
        }
        long quiet = nowNanos - quietSinceNanos;
        if (typist != null && eofKeys < MAX_EOF_KEYS && quiet >= PROMPT_QUIET_NANOS
                && promptAnsweredAtOutput != written && atPrompt()) {
            promptAnsweredAtOutput = written;
            eofKeys++;
            typist.accept(CTRL_D);
            return null;
        }
        if (quiet >= QUIET_END_NANOS) {
            return new RunOutcome(RunOutcome.Kind.INPUT_ENDED, "the input ended and the guest stayed quiet for "
                    + QUIET_END_NANOS / 1_000_000_000L + " s of virtual time: run ended (exit status "
                    + RunOutcome.Kind.INPUT_ENDED.exitStatus() + ")");
        }
        return null;
    }

    private boolean atPrompt() {
        String last = tail.lastChars(8);
        for (String ending : PROMPT_ENDINGS) {
            if (last.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }
}
