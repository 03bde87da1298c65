package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relative backing path in a header resolves beside the COW first, then in the working
 * directory (where UML and uml_moo look). Runs a child JVM to have another working directory.
 */
class RelativeBackingPathTest {
    @TempDir
    Path dir;

    @Test
    void besideTheCowWinsThenTheWorkingDirectory() throws Exception {
        Path cows = Files.createDirectories(dir.resolve("cows"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path inWork = TestFiles.raw(work.resolve("root_fs"), 8192, 1);
        Path cow = cows.resolve("top.cow");
        CowFiles.create(cow, inWork, false);
        setHeaderPath(cow, "root_fs");
        assertEquals(cow + "\n" + inWork + "\n", probe(cow, work), "only in the working directory");

        Path beside = Files.copy(inWork, cows.resolve("root_fs"));
        Files.setLastModifiedTime(beside, Files.getLastModifiedTime(inWork));
        assertEquals(cow + "\n" + beside + "\n", probe(cow, work), "beside the COW first");

        Files.delete(beside);
        String missing = probe(cow, dir);
        assertEquals("error: " + cow + ": backing file root_fs (from the header) exists neither beside the COW"
                + " nor in the working directory\n", missing);
    }

    private static void setHeaderPath(Path cow, String path) throws IOException {
        CowHeader h = CowFiles.readHeader(cow);
        try (FileChannel ch = FileChannel.open(cow, StandardOpenOption.WRITE)) {
            ch.write(CowHeaderCodec.encode(cow, h.withBackingPath(path)), 0);
        }
    }

    private static String probe(Path cow, Path workingDirectory) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ChainProbe.class.getName(), cow.toString()).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
