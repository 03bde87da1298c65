package jmoo.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads an input log written by {@link InputLogWriter}, checking every record. */
public final class InputLogReader {
    private final Path file;
    private final byte[] data;
    private int pos;
    private long count;
    private long idleOrdinal;

    private InputLogReader(Path file, byte[] data) {
        this.file = file;
        this.data = data;
    }

    /** All events of the log at {@code file}, in order. */
    public static List<InputEvent> readAll(Path file) throws IOException {
        InputLogReader r = new InputLogReader(file, Files.readAllBytes(file));
        r.checkMagic();
        List<InputEvent> events = new ArrayList<>();
        while (r.pos < r.data.length) {
            events.add(r.next());
        }
        return events;
    }

    private void checkMagic() throws InputLogException {
        byte[] magic = InputLogFormat.MAGIC;
        if (data.length < magic.length || !Arrays.equals(data, 0, magic.length, magic, 0, magic.length)) {
            throw new InputLogException(file, 0, "not a jmoo input log (expected the magic \"JMOOINP1\")");
        }
        pos = magic.length;
    }

    private InputEvent next() throws InputLogException {
        int recordStart = pos;
        int tag = data[pos++] & 0xFF;
        count += varint("the instruction count of the record starting at offset " + recordStart);
        if (tag == InputLogFormat.START_TIME) {
            return InputEvent.startTime(count, varint("the start time"));
        }
        if (tag == InputLogFormat.IDLE_WAKE) {
            idleOrdinal += varint("the idle ordinal");
            return InputEvent.idleWake(count, idleOrdinal, varint("the wake time"));
        }
        if (tag == InputLogFormat.CONSOLE) {
            idleOrdinal += varint("the idle ordinal");
        }
        if (tag != InputLogFormat.CONSOLE) {
            throw new InputLogException(file, recordStart,
                    String.format("unknown record tag 0x%02x (expected 'C', 'T' or 'W')", tag));
        }
        long length = varint("the length of console record");
        if (length < 1 || length > data.length - pos) {
            throw new InputLogException(file, pos, "truncated console record: expected " + length
                    + " bytes, the file has " + (data.length - pos) + " left");
        }
        byte[] bytes = Arrays.copyOfRange(data, pos, pos + (int) length);
        pos += (int) length;
        return InputEvent.console(count, idleOrdinal, bytes);
    }

    private long varint(String what) throws InputLogException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= data.length) {
                throw new InputLogException(file, pos, "truncated record: the file ends inside " + what);
            }
            int b = data[pos++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new InputLogException(file, pos, "malformed varint in " + what);
    }
}
