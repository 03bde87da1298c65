package jmoo.replay;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * A run being recorded into a directory: the input log and the console log are written as the
 * machine runs; {@link #finish} adds the rest of a crash bundle (registers, recent instructions,
 * backtrace, manifest last). With {@code ./jmoo --record DIR} the directory is DIR and becomes
 * the bundle; otherwise it is a temporary directory, copied into a fresh bundle only on a crash.
 */
public final class Recording implements Closeable {
    /** The temporary recordings' names: {@code jmoo-recording-PID-RANDOM}. */
    public static final String TEMPORARY_PREFIX = "jmoo-recording-";

    private final Path dir;
    private final boolean temporary;
    private final InputLogWriter inputLog;
    private final OutputStream consoleLog;
    private boolean closed;

    private Recording(Path dir, boolean temporary) throws IOException {
        this.dir = dir;
        this.temporary = temporary;
        this.inputLog = new InputLogWriter(dir.resolve(CrashBundle.INPUT_LOG));
        this.consoleLog = new BufferedOutputStream(Files.newOutputStream(dir.resolve(CrashBundle.CONSOLE_LOG)));
    }

    /** Records into {@code dir}, which must not exist yet or be an empty directory. */
    public static Recording into(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + ": exists and is not a directory");
            }
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + ": the recording directory must be new or empty");
                }
            }
        } else {
            Files.createDirectories(dir);
        }
        return new Recording(dir, false);
    }

    /**
     * Records into a new temporary directory ({@code jmoo-recording-PID-RANDOM}), deleted by
     * {@link #close()}; those of killed runs are swept away first ({@link OwnedTempFolders}).
     */
    public static Recording temporary() throws IOException {
        Path tmp = OwnedTempFolders.temporaryFolder();
        OwnedTempFolders.sweepStale(tmp, TEMPORARY_PREFIX);
        return new Recording(OwnedTempFolders.create(tmp, TEMPORARY_PREFIX), true);
    }

    public Path directory() {
        return dir;
    }

    public boolean isTemporary() {
        return temporary;
    }

    /** The machine's input source: user input and the host clock, logged here. */
    public LiveInputSource inputSource(LongSupplier hostClockSeconds) {
        return new LiveInputSource(hostClockSeconds, inputLog);
    }

    /** Wraps the guest console's output so every byte is also logged. */
    public IntConsumer teeConsole(IntConsumer downstream) {
        return b -> {
            try {
                consoleLog.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            downstream.accept(b);
        };
    }

    /** Pushes both logs to their files (the run loop may call it at slice boundaries). */
    public void flush() throws IOException {
        inputLog.flush();
        consoleLog.flush();
    }

    /**
     * Completes the bundle. For a --record directory the bundle is the directory itself;
     * for a temporary recording it is written atomically to {@code freshBundle}.
     *
     * @return the bundle directory
     */
    public Path finish(CrashBundleWriter writer, BundleManifest manifest, RegisterSnapshot registers,
            java.util.List<InstructionRing.Entry> recent, java.util.List<String> backtrace, Path freshBundle)
            throws IOException {
        flush();
        byte[] console = Files.readAllBytes(dir.resolve(CrashBundle.CONSOLE_LOG));
        CrashBundle bundle = new CrashBundle(manifest, registers, console, recent, backtrace,
                dir.resolve(CrashBundle.INPUT_LOG));
        if (temporary) {
            writer.writeNew(freshBundle, bundle);
            return freshBundle;
        }
        writer.completeRecording(dir, bundle);
        return dir;
    }

    /** Closes the logs; a temporary recording's directory is deleted. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        inputLog.close();
        consoleLog.close();
        if (temporary) {
            Directories.deleteTree(dir);
        }
    }
}
