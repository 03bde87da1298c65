package jmoo.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creating COW files and reading their headers. */
public final class CowFiles {
    private CowFiles() {
    }

    /**
     * Creates a version 3 COW over {@code backing}, as uml_mkcow does: the backing's absolute
     * path, size and mtime in the header, an empty bitmap, the file sparse and exactly
     * {@code dataOffset + size} bytes long. The backing may itself be a COW (a new top layer).
     * The file appears only when complete.
     *
     * @param force replace an existing file (refused while another process has it open for writing)
     */
    public static CowHeader create(Path cow, Path backing, boolean force) throws IOException {
        long size;
        try (Layer b = Layer.open(backing, false)) {
            size = b.size();
        }
        CowHeader header = CowHeader.v3(BackingCheck.recordedPathFor(backing), size, BackingCheck.mtimeSeconds(backing));
        if (!Files.exists(cow)) {
            AtomicOutput.write(cow, tmp -> writeEmpty(tmp, header));
            return header;
        }
        if (!force) {
            throw new DiskOpenException(cow, "already exists (force to overwrite)");
        }
        OpenFile held = OpenFile.open(cow, true);
        try {
            AtomicOutput.write(cow, tmp -> writeEmpty(tmp, header));
        } finally {
            held.release();
        }
        return header;
    }

    private static void writeEmpty(Path file, CowHeader header) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            FileChannel ch = raf.getChannel();
            FileIo.writeFully(ch, 0, CowHeaderCodec.encode(file, header));
            raf.setLength(header.createdFileLength());
            ch.force(true);
        }
    }

    /** Reads and validates the header of a COW file. */
    public static CowHeader readHeader(Path cow) throws IOException {
        if (!Files.isRegularFile(cow)) {
            throw new DiskOpenException(cow, Files.exists(cow) ? "not a regular file" : "no such file");
        }
        try (FileChannel ch = FileChannel.open(cow)) {
            return CowHeaderCodec.read(cow, ch);
        }
    }

    /** True when the file is a regular file starting with the COW magic. */
    public static boolean isCow(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new DiskOpenException(file, "no such file");
            }
            return false;
        }
        try (FileChannel ch = FileChannel.open(file)) {
            return CowHeaderCodec.isCow(ch);
        }
    }
}
