package jmoo.cli.bench;

import java.util.Arrays;

/** Small statistics for the bench reports. */
final class Stats {
    private Stats() {
    }

    /** The median (the upper middle value of an even count); NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
