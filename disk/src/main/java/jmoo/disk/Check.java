package jmoo.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a COW file beyond what opening it checks: bitmap bits set past the last sector, a file
 * too short for its allocated data, a v1/v2 bitmap too short for the disk, a backing file that is
 * missing or no longer matches. {@code repair} fixes what can be fixed without changing what
 * the disk reads (clears stray bits, extends a short file); a header that does not decode is a
 * {@link CowFormatException}.
 */
public final class Check {
    private final List<String> problems = new ArrayList<>();
    private final List<String> repaired = new ArrayList<>();

    private Check() {
    }

    public static CheckReport run(Path cowPath, boolean repair) throws IOException {
        Check check = new Check();
        try (Layer layer = Layer.open(cowPath, repair)) {
            if (!(layer instanceof CowLayer cow)) {
                throw new DiskOpenException(cowPath, "not a COW file (no COW magic)");
            }
            check.strayBits(cow, repair);
            check.fileLength(cow, repair);
            check.shortBitmap(cow);
            check.backing(cow);
            if (repair) {
                cow.channel().force(false);
            }
        }
        return new CheckReport(cowPath, List.copyOf(check.problems), List.copyOf(check.repaired));
    }

    private void strayBits(CowLayer cow, boolean repair) throws IOException {
        Bitmap bits = cow.bitmap();
        if (!bits.hasBitsPastEnd()) {
            return;
        }
        String p = "bitmap has bits set past the last sector (" + bits.sectors() + ")";
        problems.add(p);
        if (repair && cow.bitmapCoversDisk()) {
            bits.clearPastEnd();
            cow.writeDirtyBitmap();
            repaired.add(p);
        }
    }

    private void fileLength(CowLayer cow, boolean repair) throws IOException {
        Bitmap bits = cow.bitmap();
        long last = bits.lastSet();
        long length = cow.channel().size();
        if (last < 0) {
            return;
        }
        long lastBytes = Math.min(CowHeader.SECTOR, cow.size() - last * CowHeader.SECTOR);
        long needed = cow.position(last) + lastBytes;
        if (needed <= length) {
            return;
        }
        String p = "file ends at byte " + length + ", before the data of allocated sector " + last
                + " (it reads as zeros)";
        problems.add(p);
        if (repair) {
            FileIo.writeFully(cow.channel(), needed - 1, ByteBuffer.allocate(1));
            repaired.add(p + "; extended to " + needed + " bytes");
        }
    }

    private void shortBitmap(CowLayer cow) {
        if (!cow.bitmapCoversDisk()) {
            problems.add("version " + cow.header().version().number + " bitmap of " + cow.header().bitmapLength()
                    + " bytes is too short for " + cow.header().sectors() + " sectors (UML's historic rounding);"
                    + " merge or export it");
        }
    }

    private void backing(CowLayer cow) {
        try {
            Path backing = ChainOpener.backingFromHeader(cow);
            try (Layer b = Layer.open(backing, false)) {
                BackingCheck.verify(cow, b);
            }
        } catch (DiskOpenException e) {
            problems.add(e.file().equals(cow.path()) ? e.problem() : e.getMessage());
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
    }
}
