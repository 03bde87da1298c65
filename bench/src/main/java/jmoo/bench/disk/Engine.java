package jmoo.bench.disk;

import java.io.IOException;
import java.nio.file.Path;
import jmoo.disk.BlockDevice;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.OpenOptions;

/** The few calls into jmoo's COW engine that the benchmarks make, in one place. */
final class Engine {
    private Engine() {
    }

    /** Creates a COW file over {@code backing} (a raw image or another COW) as uml_mkcow does. */
    static void createCow(Path cow, Path backing) throws IOException {
        CowFiles.create(cow, backing, false);
    }

    /** Opens the chain whose top layer is {@code top} for reading and writing. */
    static BlockDevice open(Path top) throws IOException {
        return CowChain.open(top, OpenOptions.writable());
    }
}
