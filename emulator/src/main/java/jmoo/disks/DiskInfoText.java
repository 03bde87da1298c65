package jmoo.disks;

import java.util.Map;
import jmoo.devices.ubd.UbdCounters;
import jmoo.devices.ubd.UbdDisk;
import jmoo.devices.ubd.UbdPortBlock;
import jmoo.devices.ubd.UbdStatus;
import jmoo.disk.CowChain;
import jmoo.disk.CowLayer;
import jmoo.disk.Layer;

/** The monitor's {@code info disks}: per disk its argument, layers, sizes and request counts. */
final class DiskInfoText {
    private DiskInfoText() {
    }

    static String of(UbdPortBlock ports, UbdDisks disks) {
        StringBuilder out = new StringBuilder();
        for (OpenedDisk d : disks.all()) {
            UbdDisk slot = ports.disk(d.slot());
            out.append(d.argument().deviceName()).append("  ").append(d.argument().text()).append('\n');
            out.append("  ").append(sizeText(d.chain().size())).append(", ")
                    .append(d.chain().readOnly() ? "read-only" : "read-write")
                    .append(slot != null && slot.syncWrites() ? ", sync writes" : "").append('\n');
            for (Layer l : d.chain().layers()) {
                out.append("  ").append(layerText(l)).append('\n');
            }
            if (slot != null) {
                out.append(String.format("  requests: %d reads (%d sectors), %d writes (%d sectors), %d flushes,"
                                + " %d discards, %d failed%n", slot.reads(), slot.sectorsRead(), slot.writes(),
                        slot.sectorsWritten(), slot.flushes(), slot.discards(), slot.errors()));
            }
        }
        if (out.isEmpty()) {
            out.append("no disks\n");
        }
        out.append(portText(ports.counters()));
        return out.toString().stripTrailing();
    }

    /** The layers of a chain top first, one line: {@code top.cow -> base.img}. */
    static String layers(CowChain chain) {
        return String.join(" -> ", chain.layers().stream().map(l -> l.path().toString()).toList());
    }

    private static String layerText(Layer l) {
        if (l instanceof CowLayer cow) {
            return String.format("COW v%d %s: %d sectors allocated", cow.header().version().number, l.path(),
                    l.allocatedSectors());
        }
        return "image " + l.path();
    }

    private static String portText(UbdCounters c) {
        StringBuilder s = new StringBuilder("port block: ");
        Map<UbdStatus, Long> byStatus = c.requestsByStatus();
        s.append(byStatus.isEmpty() ? "no requests" : "requests by status " + byStatus);
        s.append(", ").append(c.badPortAccesses()).append(" bad port accesses");
        if (!c.lastProblem().isEmpty()) {
            s.append(", last problem: ").append(c.lastProblem());
        }
        return s.append('\n').toString();
    }

    static String sizeText(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }
}
