package jmoo.replay;

import java.io.IOException;

/** Malformed JSON, or JSON without a member the reader needs; the message names the file. */
public final class JsonException extends IOException {
    public JsonException(String message) {
        super(message);
    }
}
