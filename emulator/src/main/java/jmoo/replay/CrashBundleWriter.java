package jmoo.replay;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes crash bundles so that a reader never sees half of one. A new bundle is built in a
 * hidden temporary directory beside its destination, synced, then renamed into place in one
 * step. A recording directory (./jmoo --record DIR), which already holds the input log, is
 * completed file by file, each written aside and renamed, manifest.json last: a directory
 * without a manifest is a recording that has not crashed (yet).
 */
public final class CrashBundleWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SystemMap symbols;

    /** @param symbols the kernel's System.map to symbolize recent instructions with, or null */
    public CrashBundleWriter(SystemMap symbols) {
        this.symbols = symbols;
    }

    /** Creates {@code dir} holding the bundle, atomically; refuses an existing {@code dir}. */
    public void writeNew(Path dir, CrashBundle bundle) throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a crash bundle is never written over an existing path");
        }
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            writeFiles(tmp, bundle);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Directories.deleteTree(tmp);
            throw e;
        }
    }

    /** Adds the bundle files to an existing recording directory, each atomically, manifest last. */
    public void completeRecording(Path dir, CrashBundle bundle) throws IOException {
        writeFiles(dir, bundle);
    }

    /** A name for a bundle under {@code parent} that does not exist yet: jmoo-crash-20260101-120000[-N]. */
    public static Path freshDirectory(Path parent, Instant now) {
        String base = "jmoo-crash-" + STAMP.format(now);
        Path p = parent.resolve(base);
        for (int n = 2; Files.exists(p); n++) {
            p = parent.resolve(base + "-" + n);
        }
        return p;
    }

    private void writeFiles(Path dir, CrashBundle b) throws IOException {
        Path input = dir.resolve(CrashBundle.INPUT_LOG);
        if (b.inputLog() != null && !sameFile(b.inputLog(), input)) {
            Path aside = dir.resolve("." + CrashBundle.INPUT_LOG + ".tmp");
            Files.copy(b.inputLog(), aside, StandardCopyOption.REPLACE_EXISTING);
            sync(aside);
            Files.move(aside, input, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        writeAtomically(dir, CrashBundle.CONSOLE_LOG, b.consoleLog());
        writeAtomically(dir, CrashBundle.REGISTERS, text(b.registers().toText()));
        writeAtomically(dir, CrashBundle.RECENT_INSTRUCTIONS, text(recentInstructions(b)));
        writeAtomically(dir, CrashBundle.BACKTRACE, text(String.join("\n", b.backtrace()) + "\n"));
        writeAtomically(dir, CrashBundle.MANIFEST, text(Json.write(b.manifest().toJson())));
    }

    private String recentInstructions(CrashBundle b) {
        StringBuilder sb = new StringBuilder();
        for (InstructionRing.Entry e : b.recentInstructions()) {
            long eip = Integer.toUnsignedLong(e.eip());
            sb.append(e.count()).append(' ')
                    .append(symbols == null ? String.format("0x%08x", eip) : symbols.describe(eip)).append('\n');
        }
        return sb.toString();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.isSameFile(a, b);
    }

    private static void writeAtomically(Path dir, String name, byte[] data) throws IOException {
        Path aside = dir.resolve("." + name + ".tmp");
        Files.write(aside, data);
        sync(aside);
        Files.move(aside, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
