package jmoo.cpu.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Assembles a guest program from the test resources (jmoo/cpu/system/programs/NAME.s linked
 * with runtime.s by link.ld) with the host's binutils: {@code as --32}, {@code ld -m elf_i386},
 * {@code objcopy -O binary}.
 */
final class GuestProgramBuilder {
    private static final String RESOURCES = "/jmoo/cpu/system/";
    private static final int PT_LOAD = 1;

    private GuestProgramBuilder() {
    }

    /** Skips (or fails under JMOO_REQUIRE_ORACLES=1) when binutils are missing. */
    static void requireTools() {
        OracleTools.require("as");
        OracleTools.require("ld");
        OracleTools.require("objcopy");
    }

    static GuestProgram build(String name, Path workDir) throws IOException, InterruptedException {
        requireTools();
        Path dir = Files.createDirectories(workDir.resolve(name));
        for (String file : List.of("runtime.inc", "bcd.inc", "pc_devices.inc", "runtime.s", "link.ld")) {
            copyResource(file, dir.resolve(file));
        }
        copyResource("programs/" + name + ".s", dir.resolve(name + ".s"));
        OracleTools.runOrFail(List.of("as", "--32", "-I", ".", "runtime.s", "-o", "runtime.o"), dir);
        OracleTools.runOrFail(List.of("as", "--32", "-I", ".", name + ".s", "-o", name + ".o"), dir);
        OracleTools.runOrFail(List.of("ld", "-m", "elf_i386", "-z", "max-page-size=0x1000", "-T", "link.ld",
                "runtime.o", name + ".o", "-o", name + ".elf"), dir);
        OracleTools.runOrFail(List.of("objcopy", "-O", "binary", name + ".elf", name + ".bin"), dir);
        Path elf = dir.resolve(name + ".elf");
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        return new GuestProgram(name, elf, Files.readAllBytes(dir.resolve(name + ".bin")),
                lowestLoadAddress(header, elf), header.getInt(0x18));
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = GuestProgramBuilder.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("test resource " + RESOURCES + name + " not found on the class path");
            }
            Files.copy(in, target);
        }
    }

    /** The physical address of the first loaded byte: where objcopy's flat image starts. */
    private static int lowestLoadAddress(ByteBuffer elf, Path file) {
        if (elf.getInt(0) != 0x464C457F || elf.get(4) != 1) {
            throw new IllegalStateException(file + ": offset 0: expected a 32-bit ELF header");
        }
        int phoff = elf.getInt(0x1C);
        int phentsize = elf.getShort(0x2A) & 0xFFFF;
        int phnum = elf.getShort(0x2C) & 0xFFFF;
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < phnum; i++) {
            int ph = phoff + i * phentsize;
            if (elf.getInt(ph) == PT_LOAD && elf.getInt(ph + 16) != 0) {
                lowest = Math.min(lowest, elf.getInt(ph + 12) & 0xFFFFFFFFL);
            }
        }
        if (lowest == Long.MAX_VALUE) {
            throw new IllegalStateException(file + ": offset " + phoff + ": expected a PT_LOAD segment with contents");
        }
        return (int) lowest;
    }
}
