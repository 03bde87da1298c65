package jmoo.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the files a bundle's run started from (kernel, initrd, frozen disk layers) are
 * still there with the recorded contents, before a replay relies on them.
 */
public final class BundleInputs {
    private BundleInputs() {
    }

    /** One line per missing or changed file; empty when all match their recorded SHA-256. */
    public static List<String> problems(BundleManifest manifest) throws IOException {
        List<String> out = new ArrayList<>();
        check(out, "kernel", manifest.kernel());
        if (manifest.initrd() != null) {
            check(out, "initrd", manifest.initrd());
        }
        out.addAll(layerProblems(manifest.diskLayers()));
        return out;
    }

    /** One line per disk layer that is missing or no longer has its recorded SHA-256. */
    public static List<String> layerProblems(List<BundleManifest.DiskLayer> layers) throws IOException {
        List<String> out = new ArrayList<>();
        for (BundleManifest.DiskLayer l : layers) {
            check(out, l.disk() + " layer " + l.depth(), new BundleManifest.FileDigest(l.path(), l.sha256()));
        }
        return out;
    }

    private static void check(List<String> out, String role, BundleManifest.FileDigest f) throws IOException {
        Path p = Path.of(f.path());
        if (!Files.isRegularFile(p)) {
            out.add(role + " " + p + ": missing");
            return;
        }
        String now = Sha256.ofFile(p);
        if (!now.equals(f.sha256())) {
            out.add(role + " " + p + ": changed since the recording (sha256 " + now + ", recorded " + f.sha256() + ")");
        }
    }
}
