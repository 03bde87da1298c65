package jmoo.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a replay reproduced the recorded crash exactly: the same reason, at the same
 * instruction count, with the same console output. Lists every difference, the console one
 * by the first differing byte with a little context.
 */
public final class ReplayCheck {
    private static final int CONTEXT = 24;

    private ReplayCheck() {
    }

    /** The differences between the recording and the replay; empty when it reproduced exactly. */
    public static List<String> differences(BundleManifest.Crash expected, byte[] expectedConsole, String actualReason,
            long actualCount, byte[] actualConsole) {
        List<String> out = new ArrayList<>();
        if (!expected.reason().equals(actualReason)) {
            out.add("the run ended with \"" + actualReason + "\", the recording with \"" + expected.reason() + "\"");
        }
        if (expected.instructionCount() != actualCount) {
            out.add("the run ended at instruction " + actualCount + ", the recording at " + expected.instructionCount());
        }
        String console = consoleDifference(expectedConsole, actualConsole);
        if (console != null) {
            out.add(console);
        }
        return out;
    }

    /** The first difference of two console logs, or null when they are equal. */
    static String consoleDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        int at = 0;
        while (at < n && expected[at] == actual[at]) {
            at++;
        }
        if (at == expected.length && at == actual.length) {
            return null;
        }
        return "console output differs from byte " + at + ": recorded " + excerpt(expected, at) + ", replayed "
                + excerpt(actual, at);
    }

    private static String excerpt(byte[] b, int from) {
        if (from >= b.length) {
            return "<end>";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = from; i < Math.min(b.length, from + CONTEXT); i++) {
            int c = b[i] & 0xFF;
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}
