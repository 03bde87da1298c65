package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Assembles a small 32-bit program with the host's binutils: an ELF for gdb, a flat image to load. */
final class GuestElf {
    final Path elf;
    final byte[] image;

    private GuestElf(Path elf, byte[] image) {
        this.elf = elf;
        this.image = image;
    }

    /** Builds {@code source} linked with .text at {@code textAddress} and .data at {@code dataAddress}. */
    static GuestElf build(Path dir, String source, int textAddress, int dataAddress) throws Exception {
        for (String tool : List.of("as", "ld", "objcopy")) {
            boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
            if ("1".equals(System.getenv("JMOO_REQUIRE_ORACLES"))) {
                assertTrue(present, "JMOO_REQUIRE_ORACLES=1 but " + tool + " (binutils) is missing");
            }
            assumeTrue(present, tool + " (binutils) is not installed");
        }
        Path src = dir.resolve("prog.s");
        Files.writeString(src, source);
        exec(dir, "as", "--32", "-o", "prog.o", "prog.s");
        exec(dir, "ld", "-m", "elf_i386", "-e", "_start", "-Ttext=0x" + Integer.toHexString(textAddress),
                "-Tdata=0x" + Integer.toHexString(dataAddress), "-o", "prog.elf", "prog.o");
        exec(dir, "objcopy", "-O", "binary", "-j", ".text", "-j", ".data", "prog.elf", "prog.bin");
        return new GuestElf(dir.resolve("prog.elf"), Files.readAllBytes(dir.resolve("prog.bin")));
    }

    private static void exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
