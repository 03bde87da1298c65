package jmoo.replay;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine's final registers by name (eax ... gs, cr0 ..., as the producer chose), in order. */
public final class RegisterSnapshot {
    private final Map<String, Long> values = new LinkedHashMap<>();

    public RegisterSnapshot put(String name, int value) {
        values.put(name, Integer.toUnsignedLong(value));
        return this;
    }

    public Map<String, Long> values() {
        return Collections.unmodifiableMap(values);
    }

    /** The value of {@code name}, or throws naming the register when it was not saved. */
    public int get(String name) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("register " + name + " is not in the snapshot " + values.keySet());
        }
        return v.intValue();
    }

    /** One "name 0x0000abcd" line per register. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, v) -> sb.append(name).append(' ').append(String.format("0x%08x", v)).append('\n'));
        return sb.toString();
    }

    public static RegisterSnapshot parse(String text, Path source) throws BundleFormatException {
        RegisterSnapshot s = new RegisterSnapshot();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].trim().split("\\s+");
            if (f.length != 2 || !f[1].matches("0x[0-9a-fA-F]{1,8}")) {
                throw new BundleFormatException(source + ":" + (i + 1) + ": expected \"NAME 0xHEX\", got \""
                        + lines[i] + "\"");
            }
            s.put(f[0], Integer.parseUnsignedInt(f[1].substring(2), 16));
        }
        return s;
    }
}
