package jmoo.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * checkpoints.txt of a bundle: one "COUNT SHA256" line per state hash taken at a fixed
 * instruction interval while recording, so a replay can tell the first interval that diverged.
 */
public final class CheckpointLog {
    public static final String FILE = "checkpoints.txt";

    private CheckpointLog() {
    }

    public static void write(Path file, List<Checkpoint> checkpoints) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Checkpoint c : checkpoints) {
            sb.append(c.instructionCount()).append(' ').append(c.hash().hex()).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }

    public static List<Checkpoint> read(Path file) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        long previous = -1;
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            if (f.length != 2 || !f[0].matches("\\d{1,18}") || !f[1].matches("[0-9a-f]{64}")) {
                throw new BundleFormatException(file + ":" + (i + 1) + ": expected \"COUNT SHA256\", got \""
                        + lines.get(i) + "\"");
            }
            long count = Long.parseLong(f[0]);
            if (count <= previous) {
                throw new BundleFormatException(file + ":" + (i + 1) + ": instruction counts must increase");
            }
            previous = count;
            out.add(new Checkpoint(count, new StateHash(f[1], Map.of())));
        }
        return out;
    }
}
