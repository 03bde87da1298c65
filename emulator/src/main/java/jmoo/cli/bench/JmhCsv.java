package jmoo.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSV that JMH writes with {@code -rf csv}. */
final class JmhCsv {
    private JmhCsv() {
    }

    static List<JmhScore> parse(String csv) {
        String[] lines = csv.strip().split("\r?\n");
        if (lines.length == 0 || !lines[0].startsWith("\"Benchmark\"")) {
            throw new IllegalArgumentException("not a JMH CSV result: " + (lines.length == 0 ? "empty" : lines[0]));
        }
        List<String> header = fields(lines[0]);
        List<JmhScore> scores = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> f = fields(lines[i]);
            Map<String, String> params = new LinkedHashMap<>();
            for (int c = 7; c < Math.min(f.size(), header.size()); c++) {
                if (!f.get(c).isEmpty()) {
                    params.put(header.get(c).replaceFirst("^Param: ", ""), f.get(c));
                }
            }
            scores.add(new JmhScore(simpleName(f.get(0)), params, number(f.get(4)), number(f.get(5)), f.get(6)));
        }
        return scores;
    }

    /** "jmoo.bench.disk.RandomRead4k.raw" -> "RandomRead4k.raw". */
    private static String simpleName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    private static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    /** Splits one CSV line; fields may be quoted (no quotes inside quotes in JMH output). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
