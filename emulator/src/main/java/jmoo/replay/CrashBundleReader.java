package jmoo.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a crash bundle directory written by {@link CrashBundleWriter}. */
public final class CrashBundleReader {
    private CrashBundleReader() {
    }

    public static CrashBundle read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BundleFormatException(dir + ": not a directory (a crash bundle is a directory)");
        }
        Path manifestFile = dir.resolve(CrashBundle.MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw new BundleFormatException(manifestFile + ": missing (an incomplete bundle, or a recording that did not crash)");
        }
        BundleManifest manifest = BundleManifest.fromJson(
                Json.parse(Files.readString(manifestFile), manifestFile.toString()), manifestFile.toString());
        Path registersFile = dir.resolve(CrashBundle.REGISTERS);
        RegisterSnapshot registers = RegisterSnapshot.parse(readText(registersFile), registersFile);
        Path input = dir.resolve(CrashBundle.INPUT_LOG);
        return new CrashBundle(manifest, registers, readBytes(dir.resolve(CrashBundle.CONSOLE_LOG)),
                recentInstructions(dir.resolve(CrashBundle.RECENT_INSTRUCTIONS)),
                lines(readText(dir.resolve(CrashBundle.BACKTRACE))), Files.exists(input) ? input : null);
    }

    private static List<InstructionRing.Entry> recentInstructions(Path file) throws IOException {
        List<InstructionRing.Entry> out = new ArrayList<>();
        List<String> lines = lines(readText(file));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ", 3);
            if (f.length < 2 || !f[0].matches("\\d+") || !f[1].matches("0x[0-9a-f]{8}")) {
                throw new BundleFormatException(file + ":" + (i + 1) + ": expected \"COUNT 0xEIP [symbol]\", got \""
                        + lines.get(i) + "\"");
            }
            out.add(new InstructionRing.Entry(Long.parseLong(f[0]), Integer.parseUnsignedInt(f[1].substring(2), 16)));
        }
        return out;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    private static String readText(Path file) throws IOException {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleFormatException(file + ": missing from the crash bundle");
        }
    }
}
