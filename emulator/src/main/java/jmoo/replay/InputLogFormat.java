package jmoo.replay;

import java.nio.charset.StandardCharsets;

/**
 * The input log's binary layout (version 1). The file starts with the 8 bytes "JMOOINP1"; then
 * records, each: a tag byte ('C' console bytes, 'T' start time, 'W' idle wake), the instruction
 * count as an unsigned LEB128 varint delta from the previous record's count, and the payload:
 * for 'C' a varint length (at least 1) and that many bytes, for 'T' a varint of epoch seconds,
 * for 'W' the idle ordinal as a varint delta from the previous 'W' and the wake time in virtual
 * nanoseconds as a varint.
 * Counts never decrease. A log of typed commands costs a few bytes per key.
 */
final class InputLogFormat {
    static final byte[] MAGIC = "JMOOINP1".getBytes(StandardCharsets.US_ASCII);
    static final int CONSOLE = 'C';
    static final int START_TIME = 'T';
    static final int IDLE_WAKE = 'W';

    private InputLogFormat() {
    }
}
