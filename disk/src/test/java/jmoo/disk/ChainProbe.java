package jmoo.disk;

import java.nio.file.Path;

/** Child process for tests that need another working directory: prints each layer of a chain. */
public final class ChainProbe {
    private ChainProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (CowChain d = CowChain.open(Path.of(args[0]), OpenOptions.readOnly())) {
            for (Layer l : d.layers()) {
                System.out.println(l.path().toAbsolutePath().normalize());
            }
        } catch (DiskOpenException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
