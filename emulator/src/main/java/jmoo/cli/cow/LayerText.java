package jmoo.cli.cow;

import java.util.LinkedHashMap;
import java.util.Map;
import jmoo.disk.CowLayer;
import jmoo.disk.CowVersion;
import jmoo.disk.Layer;

/** How info and map name a layer, in text and in JSON. */
final class LayerText {
    private LayerText() {
    }

    static String kind(Layer l) {
        if (l instanceof CowLayer cow) {
            return "COW " + version(cow.header().version());
        }
        return "raw";
    }

    static String version(CowVersion v) {
        return v == CowVersion.V3_BROKEN ? "v3 (broken 64-bit layout)" : "v" + v.number;
    }

    static String summary(Layer l) {
        if (l instanceof CowLayer cow) {
            return kind(l) + ", " + plural(cow.allocatedSectors(), "sector") + " allocated";
        }
        return "raw, " + plural(l.size(), "byte");
    }

    static Map<String, Object> json(int index, Layer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("file", l.path().toString());
        m.put("kind", l instanceof CowLayer ? "cow" : "raw");
        if (l instanceof CowLayer cow) {
            m.put("version", cow.header().version().name().toLowerCase());
            m.put("allocated-sectors", cow.allocatedSectors());
        }
        m.put("size", l.size());
        return m;
    }

    static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
