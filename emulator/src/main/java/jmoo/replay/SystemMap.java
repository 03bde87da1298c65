package jmoo.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A kernel's System.map ({@code nm -n} output: "c1000000 T startup_32"): address to
 * symbol+offset. Absolute ('A'/'a') and undefined ('U', 'w', 'v' without an address) symbols
 * are left out, as they are not places in the kernel's image.
 */
public final class SystemMap {
    /** One symbol, with its size taken as the distance to the next symbol's address. */
    public record Symbol(String name, char type, long address, long size) {
        public boolean isText() {
            return "TtWw".indexOf(type) >= 0;
        }
    }

    /** A symbol and the offset of an address inside it, formatted as Linux does: name+0x1a/0x40. */
    public record Location(Symbol symbol, long offset) {
        @Override
        public String toString() {
            return symbol.size() > 0
                    ? String.format("%s+0x%x/0x%x", symbol.name(), offset, symbol.size())
                    : String.format("%s+0x%x", symbol.name(), offset);
        }
    }

    private final List<Symbol> symbols;
    private final long textStart;
    private final long textEnd;

    private SystemMap(List<Symbol> symbols) {
        this.symbols = symbols;
        this.textStart = addressOf("_stext", addressOf("_text", 0));
        this.textEnd = addressOf("_etext", -1L);
    }

    /** Reads a System.map; a file whose name ends in {@code .gz} is gunzipped on the fly. */
    public static SystemMap read(Path file) throws IOException {
        List<Symbol> unsized = new ArrayList<>();
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            String line;
            for (int lineNo = 1; (line = r.readLine()) != null; lineNo++) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].length() == 1 && "Uvw".contains(f[0])) {
                    continue; // undefined: no address
                }
                if (f.length < 3 || f[1].length() != 1) {
                    throw new SystemMapException(file, lineNo, "expected \"ADDRESS TYPE NAME\", got \"" + line + "\"");
                }
                if (!isAddress(f[0])) {
                    throw new SystemMapException(file, lineNo, "expected a hex address, got \"" + f[0] + "\"");
                }
                char type = f[1].charAt(0);
                if ("AaU".indexOf(type) >= 0) {
                    continue;
                }
                unsized.add(new Symbol(f[2], type, Long.parseUnsignedLong(f[0], 16), 0));
            }
        }
        return new SystemMap(sized(unsized));
    }

    private static boolean isAddress(String s) {
        return !s.isEmpty() && s.length() <= 16 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static List<Symbol> sized(List<Symbol> unsized) {
        unsized.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        List<Symbol> out = new ArrayList<>(unsized.size());
        for (int i = 0; i < unsized.size(); i++) {
            Symbol s = unsized.get(i);
            long next = s.address();
            for (int j = i + 1; j < unsized.size() && next == s.address(); j++) {
                next = unsized.get(j).address();
            }
            out.add(new Symbol(s.name(), s.type(), s.address(), next - s.address()));
        }
        return out;
    }

    /** The address of the first symbol called {@code name}, or {@code fallback} when there is none. */
    public long addressOf(String name, long fallback) {
        for (Symbol s : symbols) {
            if (s.name().equals(name)) {
                return s.address();
            }
        }
        return fallback;
    }

    public int size() {
        return symbols.size();
    }

    /**
     * The symbol containing {@code address} (the last one at or below it; for several at one
     * address the last listed, which in {@code nm -n} order is the function after section markers
     * such as _text), or null below the first symbol or past the end of the last.
     */
    public Location lookup(long address) {
        int lo = 0;
        int hi = symbols.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(symbols.get(mid).address(), address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        Symbol s = symbols.get(found);
        long offset = address - s.address();
        if (s.size() == 0 && found == symbols.size() - 1 && offset > 0) {
            return null;
        }
        return new Location(s, offset);
    }

    /** The address as "0xc1234567 name+0x1a/0x40", or just the hex when no symbol covers it. */
    public String describe(long address) {
        Location l = lookup(address);
        return l == null ? String.format("0x%08x", address) : String.format("0x%08x %s", address, l);
    }

    /** True when {@code address} lies in the kernel's text (between _stext/_text and _etext). */
    public boolean isKernelText(long address) {
        if (Long.compareUnsigned(address, textStart) < 0 || Long.compareUnsigned(address, textEnd) >= 0) {
            return false;
        }
        Location l = lookup(address);
        return l != null && l.symbol().isText();
    }
}
