package jmoo.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.cli.UserError;

/**
 * Drives {@code qemu-img} (create, and {@code bench} with one request in flight through the
 * page cache, like the JMH benchmarks) for the qcow2 comparison of `./jmoo bench disk`. The
 * cache mode is {@code unsafe}: writeback through the page cache, like {@code writeback}, but
 * without the flush at exit, which the JMH benchmarks do not time either (scattered first
 * writes take minutes to reach the disk).
 */
final class QemuImg {
    private static final Pattern COMPLETED = Pattern.compile("Run completed in ([0-9.]+) seconds");
    private final Path binary;
    private String aio = "threads";

    private QemuImg(Path binary) {
        this.binary = binary;
    }

    /** qemu-img from PATH, or empty when qemu-utils is not installed. */
    static Optional<QemuImg> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "qemu-img");
            if (Files.isExecutable(p)) {
                return Optional.of(new QemuImg(p));
            }
        }
        return Optional.empty();
    }

    /** The AIO engine the runs use: io_uring where it works (far cheaper per request), else threads. */
    String aio() {
        return aio;
    }

    /** Picks io_uring when a one-request run on {@code probe} succeeds with it. */
    void chooseAio(Path probe) {
        try {
            Command.run(List.of(binary.toString(), "bench", "-q", "-c", "1", "-d", "1", "-t", "unsafe",
                    "-i", "io_uring", "-f", "raw", probe.toString()), 30, line -> { });
            aio = "io_uring";
        } catch (IOException | UserError e) {
            aio = "threads";
        }
    }

    /** A qcow2 overlay over {@code backing} (whose format is {@code backingFormat}). */
    void createOverlay(Path overlay, Path backing, String backingFormat) throws IOException, UserError {
        Command.run(List.of(binary.toString(), "create", "-q", "-f", "qcow2", "-b", backing.toString(),
                "-F", backingFormat, overlay.toString()), 60, line -> { });
    }

    /**
     * Runs {@code count} requests of {@code size} bytes, one at a time, from {@code offset},
     * stepping {@code step} bytes (wrapping at the image end); returns requests per second.
     */
    double bench(Path image, String format, boolean write, int size, long offset, long step, int count)
            throws IOException, UserError {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "bench", "-c", Integer.toString(count),
                "-d", "1", "-s", Integer.toString(size), "-o", Long.toString(offset), "-S", Long.toString(step),
                "-t", "unsafe", "-i", aio, "-f", format));
        if (write) {
            argv.add("-w");
            argv.add("--pattern=" + (0x41 + (int) (offset / size % 26)));
        }
        argv.add(image.toString());
        String out = Command.run(argv, 600, line -> { });
        Matcher m = COMPLETED.matcher(out);
        if (!m.find()) {
            throw new UserError("qemu-img bench printed no \"Run completed\" line for " + image);
        }
        return count / Math.max(Double.parseDouble(m.group(1)), 1e-6);
    }
}
