package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCheckTest {
    @TempDir
    Path dir;

    private static final BundleManifest.Crash CRASH = new BundleManifest.Crash("kernel panic", "", 1000);

    @Test
    void anExactReplayHasNoDifferences() {
        assertEquals(List.of(), ReplayCheck.differences(CRASH, "ok\n".getBytes(), "kernel panic", 1000, "ok\n".getBytes()));
    }

    @Test
    void everyDifferenceIsListedWithTheFirstDifferingConsoleByte() {
        List<String> d = ReplayCheck.differences(CRASH, "Linux\r\nboot ok\n".getBytes(), "triple fault", 999,
                "Linux\r\nboot KO\n".getBytes());
        assertEquals(List.of("the run ended with \"triple fault\", the recording with \"kernel panic\"",
                "the run ended at instruction 999, the recording at 1000",
                "console output differs from byte 12: recorded \"ok\\n\", replayed \"KO\\n\""), d);
        assertEquals("console output differs from byte 2: recorded <end>, replayed \"\\x01\"",
                ReplayCheck.consoleDifference("ab".getBytes(), new byte[] {'a', 'b', 1}));
    }

    @Test
    void changedAndMissingInputsAreReported() throws IOException {
        Path kernel = dir.resolve("vmlinux");
        Files.writeString(kernel, "kernel");
        Path layer = dir.resolve("root.cow");
        Files.writeString(layer, "layer");
        BundleManifest m = new BundleManifest("t", List.of(), new BundleManifest.FileDigest(kernel.toString(),
                Sha256.ofFile(kernel)), new BundleManifest.FileDigest(dir.resolve("gone").toString(), "00".repeat(32)), "", 1, 10,
                List.of(new BundleManifest.DiskLayer("ubd0", 0, layer.toString(), Sha256.ofFile(layer))), CRASH);
        assertEquals(List.of("initrd " + dir.resolve("gone") + ": missing"), BundleInputs.problems(m));
        Files.writeString(layer, "changed");
        assertEquals(2, BundleInputs.problems(m).size());
        assertEquals(true, BundleInputs.problems(m).get(1).startsWith("ubd0 layer 0 " + layer + ": changed since the recording"));
    }
}
