package jmoo.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Assembles 32-bit guest code with the host's GNU {@code as} and {@code objcopy} into a flat
 * binary linked at a given address. Skips the test (JUnit assumption) when the tools are
 * missing, unless JMOO_REQUIRE_ORACLES=1.
 */
final class GuestAsm {
    private GuestAsm() {
    }

    static byte[] assemble(String source, int origin) {
        try {
            Path dir = Files.createTempDirectory("jmoo-asm");
            try {
                Path src = dir.resolve("t.s");
                Files.writeString(src, ".code32\n.text\n" + source + "\n", StandardCharsets.UTF_8);
                run(dir, "as", "--32", "-o", "t.o", "t.s");
                run(dir, "ld", "-m", "elf_i386", "-Ttext=0x" + Integer.toHexString(origin), "-e", "0", "--oformat", "binary", "-o", "t.bin", "t.o");
                return Files.readAllBytes(dir.resolve("t.bin"));
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            toolMissing(e.getMessage());
            throw new AssertionError(e);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            toolMissing(cmd[0] + ": " + e.getMessage());
            throw e;
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void toolMissing(String what) {
        boolean required = "1".equals(System.getenv("JMOO_REQUIRE_ORACLES"));
        if (!required) {
            assumeTrue(false, "assembler not available: " + what);
        }
    }
}
