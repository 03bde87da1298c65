package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writtenDocumentsParseBackToTheSameValues() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quote\"back\\slash", "tab\tnewline\n\u0001 é");
        inner.put("empty", List.of());
        inner.put("nothing", null);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("big", 1L << 62);
        doc.put("negative", -5L);
        doc.put("flags", Arrays.asList(true, false, null));
        doc.put("inner", inner);
        doc.put("none", Map.of());
        String text = Json.write(doc);
        assertEquals(doc, Json.parse(text, "doc.json"));
    }

    @Test
    void parsesForeignJsonWithFractionsAndEscapes() throws Exception {
        Object v = Json.parse(" {\"a\" : [1.5e2, \"\\u0041\\/\"], \"b\":{}} ", "x");
        assertEquals(Map.of("a", List.of(150.0, "A/"), "b", Map.of()), v);
    }

    @Test
    void errorsNameTheSourceAndOffset() {
        assertEquals("m.json: expected ':' at offset 5",
                assertThrows(JsonException.class, () -> Json.parse("{\"a\" 1}", "m.json")).getMessage());
        assertEquals("m.json: unterminated string at offset 4",
                assertThrows(JsonException.class, () -> Json.parse("[\"ab", "m.json")).getMessage());
        assertEquals("m.json: expected the end of the document at offset 3",
                assertThrows(JsonException.class, () -> Json.parse("{} x", "m.json")).getMessage());
        assertEquals("m.json: expected a value at offset 1",
                assertThrows(JsonException.class, () -> Json.parse("[?]", "m.json")).getMessage());
    }
}
