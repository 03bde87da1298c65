package jmoo.machine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the small test guests under src/test/resources with binutils ({@code as --32},
 * {@code ld -m elf_i386}) into an ELF linked at 1 MiB. Skips the test when binutils are missing,
 * unless JMOO_REQUIRE_ORACLES=1.
 */
public final class GuestAssembler {
    private GuestAssembler() {
    }

    public static Path build(String resource, Path dir) throws IOException, InterruptedException {
        boolean required = "1".equals(System.getenv("JMOO_REQUIRE_ORACLES"));
        boolean available = onPath("as") && onPath("ld");
        if (!available && required) {
            throw new IllegalStateException("as/ld (binutils) are required (JMOO_REQUIRE_ORACLES=1) but not on PATH");
        }
        assumeTrue(available, "binutils (as, ld) not installed");
        Path source = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = GuestAssembler.class.getResourceAsStream(resource)) {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path object = dir.resolve("guest.o");
        Path elf = dir.resolve("guest.elf");
        run(List.of("as", "--32", "-o", object.toString(), source.toString()));
        run(List.of("ld", "-m", "elf_i386", "-N", "-Ttext=0x100000", "-e", "_start", "-o", elf.toString(), object.toString()));
        return elf;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
