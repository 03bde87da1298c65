package jmoo.devices.pc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import jmoo.devices.Device;
import jmoo.devices.IoPortHandler;
import jmoo.devices.IrqLine;
import jmoo.devices.TimedDevice;
import jmoo.devices.VirtualClock;

/**
 * The MC146818 CMOS real-time clock at 0x70 (index; bit 7, the NMI mask, is ignored) and 0x71
 * (data), with 128 bytes of CMOS. The time is the start time (seconds since the epoch, UTC,
 * given by the machine from its one recorded host-clock reading) plus virtual time, plus
 * whatever offset the guest set by writing the time registers. Register B selects BCD or
 * binary and 12 or 24 hours; register A's update-in-progress bit is set only during the last
 * 244 us of each virtual second, so a guest polling it always sees it clear again.
 *
 * <p>Interrupts, timed from virtual time only ({@link RtcEventClock}): register C's periodic flag
 * (PF) at register A's rate, update-ended (UF) at the end of every update cycle and alarm (AF)
 * when an update lands on the time of the alarm registers (0x01, 0x03, 0x05; a value 0xC0-0xFF
 * matches anything). The flags are set whether enabled or not, with the divider running
 * (register A bits 6-4 = 010) and, for UF and AF, with SET clear; IRQF and the IRQ 8 line are up
 * while a flag is set whose enable bit (PIE, AIE, UIE in register B) is set. Reading register C
 * returns and clears every flag and lowers the line. Events are accounted lazily: at every
 * register access and when the machine advances the timers to {@link #nextDeadlineNanos}, which
 * is only armed while an enabled event could raise the line.
 */
public final class Mc146818Rtc implements Device, IoPortHandler, TimedDevice {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long UPDATE_IN_PROGRESS_NANOS = 244_000;

    static final int SECONDS = 0x00;
    static final int MINUTES = 0x02;
    static final int HOURS = 0x04;
    static final int DAY_OF_WEEK = 0x06;
    static final int DAY_OF_MONTH = 0x07;
    static final int MONTH = 0x08;
    static final int YEAR = 0x09;
    static final int REG_A = 0x0A;
    static final int REG_B = 0x0B;
    static final int REG_C = 0x0C;
    static final int REG_D = 0x0D;
    static final int SECONDS_ALARM = 0x01;
    static final int MINUTES_ALARM = 0x03;
    static final int HOURS_ALARM = 0x05;
    static final int CENTURY = 0x32;

    private static final int A_UIP = 0x80;
    private static final int A_DIVIDER = 0x70;
    private static final int A_DIVIDER_RUNNING = 0x20;  // 32.768 kHz time base, counting
    private static final int A_RATE = 0x0F;
    private static final int B_SET = 0x80;
    private static final int B_PIE = 0x40;
    private static final int B_AIE = 0x20;
    private static final int B_UIE = 0x10;
    private static final int B_BINARY = 0x04;
    private static final int B_24H = 0x02;
    private static final int D_VALID_RAM_AND_TIME = 0x80;
    private static final int C_IRQF = 0x80;
    private static final int C_PERIODIC = 0x40;
    private static final int C_ALARM = 0x20;
    private static final int C_UPDATE_ENDED = 0x10;
    private static final int DONT_CARE = 0xC0;
    private static final long SECONDS_PER_DAY = 86_400;

    private final VirtualClock clock;
    private final IrqLine irq;
    private long startEpochSeconds;
    private final byte[] cmos = new byte[128];
    private int index;
    private long offsetSeconds;
    /** Register C's flags (PF, AF, UF) for every event up to {@link #accountedNanos}. */
    private int flags;
    private long accountedNanos;
    private boolean irqLevel;

    /**
     * @param irq the line to the interrupt controller (IRQ 8 on a PC)
     * @param startEpochSeconds wall-clock time at power-on (the recorded input of a run)
     */
    public Mc146818Rtc(VirtualClock clock, IrqLine irq, long startEpochSeconds) {
        this.clock = clock;
        this.irq = irq;
        this.startEpochSeconds = startEpochSeconds;
        reset();
    }

    @Override
    public String name() {
        return "rtc";
    }

    @Override
    public void reset() {
        Arrays.fill(cmos, (byte) 0);
        cmos[REG_A] = 0x26;              // 32.768 kHz time base, 1024 Hz periodic rate
        cmos[REG_B] = B_24H;             // BCD, 24-hour
        cmos[REG_D] = (byte) D_VALID_RAM_AND_TIME;
        index = 0;
        offsetSeconds = 0;
        flags = 0;
        accountedNanos = clock.nanos();
        irqLevel = false;
        irq.set(false);
    }

    @Override
    public int in(int port, int size) {
        if ((port & 1) == 0) {
            return 0xFF; // the index register is write-only
        }
        advanceTo(clock.nanos());
        return readRegister(index);
    }

    @Override
    public void out(int port, int size, int value) {
        if ((port & 1) == 0) {
            index = value & 0x7F;
        } else {
            advanceTo(clock.nanos()); // events so far happen under the old register values
            writeRegister(index, value & 0xFF);
            updateIrq();
        }
    }

    // --- interrupts ------------------------------------------------------------------------

    @Override
    public long nextDeadlineNanos() {
        if (irqLevel || !dividerRunning()) {
            return NO_DEADLINE; // the line stays up until register C is read: nothing to time
        }
        int b = cmos[REG_B];
        long deadline = NO_DEADLINE;
        long period = RtcEventClock.periodCycles(cmos[REG_A] & A_RATE);
        if ((b & B_PIE) != 0 && period != 0) {
            deadline = RtcEventClock.nextPeriodicTick(accountedNanos, period);
        }
        if ((b & (B_UIE | B_AIE)) != 0 && (b & B_SET) == 0) {
            deadline = Math.min(deadline, RtcEventClock.nextUpdate(accountedNanos));
        }
        return deadline;
    }

    /** Sets the flags of every event in (accountedNanos, nowNanos] and updates the IRQ line. */
    @Override
    public void advanceTo(long nowNanos) {
        if (nowNanos <= accountedNanos) {
            return;
        }
        if (dividerRunning()) {
            long period = RtcEventClock.periodCycles(cmos[REG_A] & A_RATE);
            if (period != 0 && RtcEventClock.periodicTicks(nowNanos, period)
                    > RtcEventClock.periodicTicks(accountedNanos, period)) {
                flags |= C_PERIODIC;
            }
            long firstUpdate = RtcEventClock.updates(accountedNanos) + 1;
            long lastUpdate = RtcEventClock.updates(nowNanos);
            if (lastUpdate >= firstUpdate && (cmos[REG_B] & B_SET) == 0) {
                flags |= C_UPDATE_ENDED;
                if (alarmMatchesAny(firstUpdate, lastUpdate)) {
                    flags |= C_ALARM;
                }
            }
        }
        accountedNanos = nowNanos;
        updateIrq();
    }

    private boolean dividerRunning() {
        return (cmos[REG_A] & A_DIVIDER) == A_DIVIDER_RUNNING;
    }

    /** True when the time after the update at some virtual second in [first, last] matches the alarm. */
    private boolean alarmMatchesAny(long firstSecond, long lastSecond) {
        long count = Math.min(lastSecond - firstSecond + 1, SECONDS_PER_DAY); // the alarm repeats daily
        long base = startEpochSeconds + offsetSeconds;
        for (long s = firstSecond; s < firstSecond + count; s++) {
            if (alarmMatches(base + s)) {
                return true;
            }
        }
        return false;
    }

    private boolean alarmMatches(long epochSeconds) {
        long secondOfDay = Math.floorMod(epochSeconds, SECONDS_PER_DAY);
        return alarmField(SECONDS_ALARM, encode((int) (secondOfDay % 60)))
                && alarmField(MINUTES_ALARM, encode((int) (secondOfDay / 60 % 60)))
                && alarmField(HOURS_ALARM, encodeHour((int) (secondOfDay / 3600)));
    }

    private boolean alarmField(int reg, int current) {
        int alarm = cmos[reg] & 0xFF;
        return (alarm & DONT_CARE) == DONT_CARE || alarm == current;
    }

    private int irqFlag() {
        return (flags & cmos[REG_B] & (C_PERIODIC | C_ALARM | C_UPDATE_ENDED)) != 0 ? C_IRQF : 0;
    }

    private void updateIrq() {
        boolean level = irqFlag() != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private long guestEpochSeconds() {
        return startEpochSeconds + clock.nanos() / NANOS_PER_SECOND + offsetSeconds;
    }

    int readRegister(int reg) {
        switch (reg) {
            case SECONDS, MINUTES, HOURS, DAY_OF_WEEK, DAY_OF_MONTH, MONTH, YEAR, CENTURY:
                return timeField(reg, LocalDateTime.ofEpochSecond(guestEpochSeconds(), 0, ZoneOffset.UTC));
            case REG_A:
                boolean updating = clock.nanos() % NANOS_PER_SECOND >= NANOS_PER_SECOND - UPDATE_IN_PROGRESS_NANOS;
                return cmos[REG_A] & 0x7F | (updating && (cmos[REG_B] & B_SET) == 0 ? A_UIP : 0);
            case REG_C:
                int value = irqFlag() | flags;
                flags = 0; // read-to-clear; the caller lowers the line
                updateIrq();
                return value;
            default:
                return cmos[reg] & 0xFF;
        }
    }

    private int timeField(int reg, LocalDateTime t) {
        return switch (reg) {
            case SECONDS -> encode(t.getSecond());
            case MINUTES -> encode(t.getMinute());
            case HOURS -> encodeHour(t.getHour());
            case DAY_OF_WEEK -> encode(t.getDayOfWeek().getValue() % 7 + 1); // 1 = Sunday
            case DAY_OF_MONTH -> encode(t.getDayOfMonth());
            case MONTH -> encode(t.getMonthValue());
            case YEAR -> encode(t.getYear() % 100);
            default -> encode(t.getYear() / 100);
        };
    }

    private void writeRegister(int reg, int value) {
        switch (reg) {
            case SECONDS, MINUTES, HOURS, DAY_OF_MONTH, MONTH, YEAR, CENTURY -> setTimeField(reg, value);
            case DAY_OF_WEEK -> {
                // derived from the date
            }
            case REG_A -> cmos[REG_A] = (byte) (value & 0x7F);
            case REG_B -> cmos[REG_B] = (byte) ((value & B_SET) != 0 ? value & ~B_UIE : value); // SET clears UIE
            case REG_C, REG_D -> {
                // read-only
            }
            default -> cmos[reg] = (byte) value;
        }
    }

    /** Sets one field of the guest's time: the clock keeps running from the new value. */
    private void setTimeField(int reg, int value) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(guestEpochSeconds(), 0, ZoneOffset.UTC);
        try {
            t = switch (reg) {
                case SECONDS -> t.withSecond(decode(value));
                case MINUTES -> t.withMinute(decode(value));
                case HOURS -> t.withHour(decodeHour(value));
                case DAY_OF_MONTH -> t.withDayOfMonth(decode(value));
                case MONTH -> t.withMonth(decode(value));
                case YEAR -> t.withYear(t.getYear() / 100 * 100 + decode(value));
                default -> t.withYear(decode(value) * 100 + t.getYear() % 100);
            };
        } catch (java.time.DateTimeException outOfRange) {
            return; // a real chip would hold garbage; we keep the previous time
        }
        offsetSeconds += t.toEpochSecond(ZoneOffset.UTC) - guestEpochSeconds();
    }

    private boolean binary() {
        return (cmos[REG_B] & B_BINARY) != 0;
    }

    private int encode(int v) {
        return binary() ? v : (v / 10) << 4 | v % 10;
    }

    private int decode(int v) {
        return binary() ? v : (v >> 4) * 10 + (v & 0xF);
    }

    private int encodeHour(int hour) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return encode(hour);
        }
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        return encode(h12) | (hour >= 12 ? 0x80 : 0);
    }

    private int decodeHour(int value) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return decode(value);
        }
        int h12 = decode(value & 0x7F) % 12;
        return (value & 0x80) != 0 ? h12 + 12 : h12;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeLong(startEpochSeconds);
        out.write(cmos);
        out.writeByte(index);
        out.writeLong(offsetSeconds);
        out.writeByte(flags);
        out.writeLong(accountedNanos);
        out.writeBoolean(irqLevel);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        startEpochSeconds = in.readLong();
        in.readFully(cmos);
        index = in.readUnsignedByte() & 0x7F;
        offsetSeconds = in.readLong();
        flags = in.readUnsignedByte() & (C_PERIODIC | C_ALARM | C_UPDATE_ENDED);
        accountedNanos = in.readLong();
        irqLevel = in.readBoolean();
    }
}
