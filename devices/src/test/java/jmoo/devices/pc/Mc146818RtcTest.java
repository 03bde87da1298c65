package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import jmoo.devices.StateRoundTrip;
import org.junit.jupiter.api.Test;

class Mc146818RtcTest {
    private static final long START = LocalDateTime.of(2026, 11, 25, 23, 59, 58).toEpochSecond(ZoneOffset.UTC);
    private long nanos;
    private final Mc146818Rtc rtc = new Mc146818Rtc(() -> nanos, new RecordingIrqLine(), START);

    private int read(int reg) {
        rtc.out(0x70, 1, 0x80 | reg); // NMI-disable bit set, as Linux does: ignored
        return rtc.in(0x71, 1);
    }

    private void write(int reg, int value) {
        rtc.out(0x70, 1, reg);
        rtc.out(0x71, 1, value);
    }

    @Test
    void bcdTimeAdvancesWithVirtualTime() {
        assertEquals(0x58, read(0x00));
        assertEquals(0x59, read(0x02));
        assertEquals(0x23, read(0x04));
        assertEquals(0x25, read(0x07));
        assertEquals(0x11, read(0x08));
        assertEquals(0x26, read(0x09));
        assertEquals(0x20, read(0x32));
        assertEquals(0x04, read(0x06), "a Wednesday; 1 = Sunday");
        nanos = 3_000_000_000L;
        assertEquals(0x01, read(0x00));
        assertEquals(0x00, read(0x04));
        assertEquals(0x26, read(0x07));
    }

    @Test
    void binaryAnd12HourModesFollowRegisterB() {
        write(0x0B, 0x04); // binary, 12-hour
        assertEquals(58, read(0x00));
        assertEquals(0x80 | 11, read(0x04), "11 PM");
        write(0x0B, 0x02 | 0x04);
        assertEquals(23, read(0x04));
    }

    @Test
    void updateInProgressIsSetOnlyBriefly() {
        nanos = 500_000_000L;
        assertEquals(0, read(0x0A) & 0x80);
        nanos = 999_900_000L;
        assertEquals(0x80, read(0x0A) & 0x80);
        nanos = 1_000_000_000L;
        assertEquals(0, read(0x0A) & 0x80);
        assertEquals(0x80, read(0x0D), "valid RAM and time");
    }

    @Test
    void writingTheTimeSetsAnOffsetThatKeepsRunning() {
        write(0x04, 0x08);
        write(0x02, 0x30);
        assertEquals(0x08, read(0x04));
        assertEquals(0x30, read(0x02));
        nanos = 62_000_000_000L; // 08:30:58 + 62 s
        assertEquals(0x32, read(0x02));
        assertEquals(0x00, read(0x00));
        assertEquals(0x25, read(0x07), "the date is unchanged");
    }

    @Test
    void cmosRamKeepsWhatIsWritten() {
        write(0x40, 0xA5);
        assertEquals(0xA5, read(0x40));
        assertEquals(0xFF, rtc.in(0x70, 1));
    }

    @Test
    void aRestoredClockKeepsItsTimeOffsetModeCmosRamAndIndex() throws Exception {
        write(0x0B, 0x04 | 0x02);   // binary, 24-hour
        write(0x02, 10);            // minutes set: an offset from the start time
        write(0x40, 0x5A);
        rtc.out(0x70, 1, 0x40);
        Mc146818Rtc copy = new Mc146818Rtc(() -> nanos, new RecordingIrqLine(), 0);   // another start time: the state's wins
        StateRoundTrip.copy(rtc, copy);
        assertEquals(0x5A, copy.in(0x71, 1), "the selected index and CMOS RAM");
        nanos = 61_000_000_000L;
        copy.out(0x70, 1, 0x02);
        rtc.out(0x70, 1, 0x02);
        assertEquals(rtc.in(0x71, 1), copy.in(0x71, 1));
        assertEquals(11, copy.in(0x71, 1), "binary minutes, one minute on");
    }
}
