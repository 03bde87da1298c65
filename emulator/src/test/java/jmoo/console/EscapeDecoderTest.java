package jmoo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapeDecoderTest {
    private final ByteArrayOutputStream guest = new ByteArrayOutputStream();
    private final List<String> events = new ArrayList<>();
    private final EscapeDecoder decoder = new EscapeDecoder(new EscapeDecoder.Listener() {
        @Override
        public void toGuest(byte[] bytes, int length) {
            guest.write(bytes, 0, length);
            events.add("guest:" + new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void command(EscapeDecoder.Command command) {
            events.add(command.name());
        }
    });

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        decoder.feed(b, b.length);
    }

    @Test
    void plainBytesIncludingUtf8AndCtrlCPassThrough() {
        feed("ls é\u0003\r");
        assertEquals("ls é\u0003\r", guest.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandsAfterCtrlA() {
        feed("ab\u0001c");
        feed("\u0001h\u0001x");
        assertEquals(List.of("guest:ab", "MONITOR", "HELP", "QUIT"), events);
    }

    @Test
    void ctrlATwiceSendsOneAndUnknownKeysAreDropped() {
        feed("\u0001\u0001z\u0001q");
        assertEquals("\u0001z", guest.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theEscapeMaySpanReads() {
        feed("x\u0001");
        feed("xy");
        assertEquals(List.of("guest:x", "QUIT", "guest:y"), events);
    }
}
