package jmoo.replay;

import java.nio.charset.StandardCharsets;

/**
 * The input log's binary layout (version 1). The file starts with the 8 bytes "JMOOINP1"; then
 * records, each: a tag byte ('C' console bytes, 'T' start time, 'W' idle wake), the instruction
 * count as an unsigned LEB128 varint delta from the previous record's count, and the payload:
 * for 'C' the idle ordinal (how many idle periods preceded the delivery), a varint length (at
 * least 1) and that many bytes; for 'T' a varint of epoch seconds; for 'W' the idle ordinal (of
 * the idle period that ended) and the wake time in virtual nanoseconds as a varint. Idle
 * ordinals are varint deltas from the previous 'C' or 'W' record's. Counts and idle ordinals
 * never decrease. Together they place an input exactly: a halted CPU does not advance the
 * count, so the same count can be seen before and after an idle wait.
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
