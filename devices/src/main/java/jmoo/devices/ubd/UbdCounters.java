package jmoo.devices.ubd;

import java.util.EnumMap;
import java.util.Map;

/**
 * Host-side events of the port block: request statuses, port accesses outside the ABI, unknown
 * control commands, and host I/O failures with the last problem described in words. A guest
 * that sends garbage shows up here, never as an exception in the emulator.
 */
public final class UbdCounters {
    private final long[] byStatus = new long[UbdStatus.values().length];
    private long badPortAccesses;
    private long unknownControls;
    private long hostErrors;
    private String lastProblem = "";

    void count(UbdStatus status) {
        byStatus[status.ordinal()]++;
    }

    void problem(String description) {
        lastProblem = description;
    }

    void badPortAccess(String description) {
        badPortAccesses++;
        lastProblem = description;
    }

    void unknownControl(int command) {
        unknownControls++;
        lastProblem = String.format("unknown control command 0x%x", command);
    }

    void hostError(String description) {
        hostErrors++;
        lastProblem = description;
    }

    /** Requests that ended with {@code status}. */
    public long requests(UbdStatus status) {
        return byStatus[status.ordinal()];
    }

    /** Requests that did not end with OK. */
    public long failedRequests() {
        long sum = 0;
        for (UbdStatus s : UbdStatus.values()) {
            if (s != UbdStatus.OK) {
                sum += byStatus[s.ordinal()];
            }
        }
        return sum;
    }

    /** Non-zero request counts by status, for the monitor. */
    public Map<UbdStatus, Long> requestsByStatus() {
        Map<UbdStatus, Long> map = new EnumMap<>(UbdStatus.class);
        for (UbdStatus s : UbdStatus.values()) {
            if (byStatus[s.ordinal()] != 0) {
                map.put(s, byStatus[s.ordinal()]);
            }
        }
        return map;
    }

    /** Reads and writes of the port block that are not 32-bit accesses to a register. */
    public long badPortAccesses() {
        return badPortAccesses;
    }

    public long unknownControls() {
        return unknownControls;
    }

    /** Requests that failed in the host's file I/O (status IO_ERROR). */
    public long hostErrors() {
        return hostErrors;
    }

    /** The last problem seen (a bad request, a bad access, an I/O failure), or "". */
    public String lastProblem() {
        return lastProblem;
    }
}
