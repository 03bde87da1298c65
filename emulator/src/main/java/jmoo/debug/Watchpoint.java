package jmoo.debug;

/** A data watchpoint on {@code [address, address+length)}: stop after an instruction that wrote, read or accessed it. */
public record Watchpoint(Kind kind, int address, int length) {
    /** What access hits it: gdb's watch (Z2), rwatch (Z3) and awatch (Z4). */
    public enum Kind {
        WRITE, READ, ACCESS;

        /** The kind for a Z packet type (2, 3 or 4), or null. */
        static Kind ofPacketType(int type) {
            return switch (type) {
                case 2 -> WRITE;
                case 3 -> READ;
                case 4 -> ACCESS;
                default -> null;
            };
        }
    }

    public Watchpoint {
        if (length <= 0 || length > 4096) {
            throw new IllegalArgumentException("watchpoint length must be 1..4096, got " + length);
        }
    }

    public boolean onReads() {
        return kind != Kind.WRITE;
    }

    public boolean onWrites() {
        return kind != Kind.READ;
    }

    /** The stop event gdb expects when this watchpoint is hit at {@code dataAddress}. */
    public StopEvent hitAt(int dataAddress) {
        return new StopEvent(switch (kind) {
            case WRITE -> StopEvent.Kind.WATCHPOINT;
            case READ -> StopEvent.Kind.READ_WATCHPOINT;
            case ACCESS -> StopEvent.Kind.ACCESS_WATCHPOINT;
        }, dataAddress);
    }
}
