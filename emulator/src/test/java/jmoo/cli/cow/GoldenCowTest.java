package jmoo.cli.cow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import jmoo.cli.UserError;
import jmoo.disk.CowChain;
import jmoo.disk.OpenOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-output tests of {@code ./jmoo cow}, in the style of QEMU's iotests: each numbered case
 * {@code NNN-name.case} under src/test/resources/jmoo/cli/cow/ is a script, and its output must
 * equal {@code NNN-name.out}. {@code $D} is the case's scratch folder. Script lines:
 * <pre>
 * jmoo ARGS...            run the CLI (stdout, then stderr, then "[exit N]" when not 0)
 * raw FILE SIZE SEED      a raw image: each 4 KiB block starts with its number and the seed, 1 in 3 blocks left as holes
 * mtime FILE EPOCH        set the modification time (whole seconds)
 * write COW SECTOR COUNT BYTE   write COUNT sectors filled with BYTE through the engine
 * poke FILE OFFSET BYTE   overwrite one byte
 * truncate FILE LENGTH    cut or extend a file
 * sum FILE                print the file's length and CRC-32
 * bytes FILE OFFSET LEN   print bytes in hex
 * exists FILE             print whether the file exists
 * hold FILE               keep FILE open for writing through the engine (another writer), until
 * release                 closes what hold opened
 * </pre>
 * Set -Djmoo.golden.update=true to rewrite the .out files (then read the diff before committing).
 */
class GoldenCowTest {
    @TempDir
    Path dir;

    private final List<CowChain> held = new ArrayList<>();

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(resources())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".case"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    private static Path resources() throws URISyntaxException {
        return Path.of(GoldenCowTest.class.getResource("/jmoo/cli/cow/001-create-info.case").toURI()).getParent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseMatchesItsGoldenOutput(String name) throws Exception {
        List<String> script = Files.readAllLines(resources().resolve(name + ".case"));
        StringBuilder out = new StringBuilder();
        for (String line : script) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.append("$ ").append(line).append('\n');
            out.append(run(line.replace("$D", dir.toString()).trim().split("\\s+")).replace(dir.toString(), "$D"));
        }
        for (CowChain c : held) {
            c.close();
        }
        String actual = out.toString();
        Path golden = goldenSource(name);
        if (Boolean.getBoolean("jmoo.golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(resources().resolve(name + ".out")), actual, name);
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** The .out file in the source tree (for updating), found from the working directory. */
    private static Path goldenSource(String name) {
        String rel = "src/test/resources/jmoo/cli/cow/" + name + ".out";
        Path here = Path.of(rel);
        return Files.exists(here.getParent()) ? here : Path.of("emulator").resolve(rel);
    }

    private String run(String[] w) throws Exception {
        switch (w[0]) {
            case "jmoo":
                return jmoo(Arrays.copyOfRange(w, 1, w.length));
            case "raw":
                raw(Path.of(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]));
                return "";
            case "mtime":
                Files.setLastModifiedTime(Path.of(w[1]), FileTime.fromMillis(Long.parseLong(w[2]) * 1000));
                return "";
            case "write":
                write(Path.of(w[1]), Long.parseLong(w[2]), Integer.parseInt(w[3]), Integer.decode(w[4]));
                return "";
            case "poke":
                try (RandomAccessFile f = new RandomAccessFile(w[1], "rw")) {
                    f.seek(Long.parseLong(w[2]));
                    f.write(Integer.decode(w[3]));
                }
                return "";
            case "truncate":
                try (RandomAccessFile f = new RandomAccessFile(w[1], "rw")) {
                    f.setLength(Long.parseLong(w[2]));
                }
                return "";
            case "sum":
                return sum(Path.of(w[1]));
            case "bytes":
                return bytes(Path.of(w[1]), Long.parseLong(w[2]), Integer.parseInt(w[3]));
            case "exists":
                return (Files.exists(Path.of(w[1])) ? "yes" : "no") + "\n";
            case "hold":
                held.add(CowChain.open(Path.of(w[1]), OpenOptions.writable()));
                return "";
            case "release":
                for (CowChain c : held) {
                    c.close();
                }
                held.clear();
                return "";
            default:
                throw new IllegalArgumentException("unknown script word " + w[0]);
        }
    }

    /** Runs the verb as Main does: a UserError is one line on stderr; anything else fails the test. */
    private static String jmoo(String[] args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            assertEquals("cow", args[0]);
            try {
                rc = new CowVerb().run(Arrays.copyOfRange(args, 1, args.length), out, err);
            } catch (UserError u) {
                assertFalse(u.getMessage().contains("\n"), "one line: " + u.getMessage());
                err.println("jmoo: " + u.getMessage());
                rc = u.exitStatus();
            }
        }
        String text = o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8);
        return text + (rc != 0 ? "[exit " + rc + "]\n" : "");
    }

    static void raw(Path file, long size, long seed) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            for (long block = 0; block * 4096 < size; block++) {
                if (block % 3 == 2) {
                    continue;
                }
                byte[] b = new byte[(int) Math.min(4096, size - block * 4096)];
                ByteBuffer bb = ByteBuffer.wrap(new byte[16]).putLong(block).putLong(seed);
                System.arraycopy(bb.array(), 0, b, 0, Math.min(16, b.length));
                Arrays.fill(b, Math.min(16, b.length), b.length, (byte) (block * 7 + seed));
                f.seek(block * 4096);
                f.write(b);
            }
        }
    }

    private static void write(Path cow, long sector, int count, int value) throws IOException {
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            byte[] b = new byte[count * 512];
            Arrays.fill(b, (byte) value);
            d.write(sector, ByteBuffer.wrap(b));
        }
    }

    private static String sum(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "missing\n";
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return Files.size(file) + " bytes, crc32 " + String.format("%08x", crc.getValue()) + "\n";
    }

    private static String bytes(Path file, long offset, int len) throws IOException {
        byte[] all = Files.readAllBytes(file);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len && offset + i < all.length; i++) {
            sb.append(String.format("%02x", all[(int) offset + i])).append(i % 16 == 15 ? "\n" : " ");
        }
        String s = sb.toString().stripTrailing();
        return s.isEmpty() ? "(past the end)\n" : s + "\n";
    }
}
