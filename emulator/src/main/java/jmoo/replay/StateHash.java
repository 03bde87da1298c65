package jmoo.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import jmoo.devices.Device;

/**
 * A SHA-256 of the whole machine state, and of each part of it (cpu, machine, ram, each device
 * by name) so a divergence report can say which part differs. Two runs are in the same state exactly when
 * (barring a SHA-256 collision) their hashes are equal.
 */
public record StateHash(String hex, Map<String, String> parts) {
    public StateHash {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    public static StateHash of(MachineStateView machine) {
        Map<String, String> parts = new LinkedHashMap<>();
        MessageDigest whole = Sha256.newDigest();
        add(parts, whole, "cpu", serialized(machine::writeCpuState));
        add(parts, whole, "machine", serialized(machine::writeMachineState));
        add(parts, whole, "ram", machine.memory().array());
        for (Device d : machine.devices()) {
            add(parts, whole, "device " + d.name(), serialized(d::saveState));
        }
        return new StateHash(HexFormat.of().formatHex(whole.digest()), parts);
    }

    private static void add(Map<String, String> parts, MessageDigest whole, String name, byte[] state) {
        MessageDigest d = Sha256.newDigest();
        d.update(state);
        byte[] h = d.digest();
        parts.put(name, HexFormat.of().formatHex(h));
        whole.update(name.getBytes(StandardCharsets.UTF_8));
        whole.update(h);
    }

    private static byte[] serialized(StateBytes.Writer w) {
        try {
            return StateBytes.of(w);
        } catch (IOException e) {
            throw new UncheckedIOException("saving state to memory failed", e);
        }
    }

    /** The names of the parts whose hashes differ from {@code other}'s (e.g. "ram", "device uart0"). */
    public List<String> differingParts(StateHash other) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : parts.entrySet()) {
            if (!e.getValue().equals(other.parts.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        for (String k : other.parts.keySet()) {
            if (!parts.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Only the whole hash decides equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StateHash h && h.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return hex;
    }
}
