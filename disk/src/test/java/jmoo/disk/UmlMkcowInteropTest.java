package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our create against the real uml_mkcow: same header fields, file length and bitmap. */
class UmlMkcowInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1000, 1L << 20, (1L << 20) + 100, 2053L * 512, (300L << 20) + 7, 512, 32 * 1024, 1, 0})
    void createEqualsUmlMkcow(long size) throws Exception {
        Oracles.require("uml_mkcow");
        Files.createDirectories(dir.resolve("img"));
        TestFiles.raw(dir.resolve("img/backing"), size, size);
        Oracles.run(dir, "uml_mkcow", "theirs.cow", "img/backing");
        CowFiles.create(dir.resolve("ours.cow"), dir.resolve("img/backing"), false);

        CowHeader theirs = CowFiles.readHeader(dir.resolve("theirs.cow"));
        CowHeader ours = CowFiles.readHeader(dir.resolve("ours.cow"));
        assertEquals(theirs, ours);
        assertEquals(CowVersion.V3, ours.version());
        assertEquals(dir.toRealPath().resolve("img/backing").toString(), ours.backingPath());
        assertEquals(Files.size(dir.resolve("theirs.cow")), Files.size(dir.resolve("ours.cow")));
        assertEquals(ours.createdFileLength(), Files.size(dir.resolve("ours.cow")));
        int span = (int) (ours.dataOffset() - ours.bitmapOffset());
        assertArrayEquals(TestFiles.readAll(dir.resolve("theirs.cow"), ours.bitmapOffset(), span),
                TestFiles.readAll(dir.resolve("ours.cow"), ours.bitmapOffset(), span));
    }

    @ParameterizedTest
    @ValueSource(strings = {"link/backing", "./img/../link/backing", "blink"})
    void backingPathIsRecordedLikeUmlMkcow(String named) throws Exception {
        Oracles.require("uml_mkcow");
        Files.createDirectories(dir.resolve("img"));
        TestFiles.raw(dir.resolve("img/backing"), 4096, 1);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("img"));
        Files.createSymbolicLink(dir.resolve("blink"), dir.resolve("img/backing"));
        Oracles.run(dir, "uml_mkcow", "theirs.cow", named);
        CowFiles.create(dir.resolve("ours.cow"), dir.resolve(named), false);
        assertEquals(CowFiles.readHeader(dir.resolve("theirs.cow")).backingPath(),
                CowFiles.readHeader(dir.resolve("ours.cow")).backingPath());
    }
}
