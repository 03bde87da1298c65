package jmoo.replay;

import java.util.List;
import java.util.Map;

/** Typed access to a parsed JSON object, with errors naming the file and the missing member. */
final class JsonObject {
    private final Map<?, ?> map;
    private final String source;
    private final String what;

    private JsonObject(Map<?, ?> map, String source, String what) {
        this.map = map;
        this.source = source;
        this.what = what;
    }

    static JsonObject of(Object json, String source, String what) throws JsonException {
        if (!(json instanceof Map<?, ?> m)) {
            throw new JsonException(source + ": expected " + what + " to be a JSON object");
        }
        return new JsonObject(m, source, what);
    }

    private Object member(String name, Class<?> type, String typeName) throws JsonException {
        Object v = map.get(name);
        if (!type.isInstance(v)) {
            throw new JsonException(source + ": expected \"" + name + "\" in " + what + " to be " + typeName
                    + (map.containsKey(name) ? ", got " + v : ", it is missing"));
        }
        return v;
    }

    String string(String name) throws JsonException {
        return (String) member(name, String.class, "a string");
    }

    long number(String name) throws JsonException {
        return (Long) member(name, Long.class, "an integer");
    }

    List<?> list(String name) throws JsonException {
        return (List<?>) member(name, List.class, "an array");
    }

    JsonObject object(String name) throws JsonException {
        return of(member(name, Map.class, "an object"), source, "\"" + name + "\"");
    }

    boolean has(String name) {
        return map.containsKey(name);
    }

    boolean isNull(String name) {
        return map.containsKey(name) && map.get(name) == null;
    }
}
